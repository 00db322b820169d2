"""Pages of the disputes app, one module per aggregate."""
