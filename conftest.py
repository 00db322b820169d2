import os

# Lets settings switch to FAZHI_TEST_DATABASE_URL (PostgreSQL in CI) for the test run only.
os.environ.setdefault("FAZHI_TESTING", "1")
