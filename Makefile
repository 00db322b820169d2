# Fazhi: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install demo serve lint format e2e messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	mkdir -p var
	$(BIN)/fazhi migrate --noinput
	$(BIN)/fazhi collectstatic --noinput --verbosity 0
	$(BIN)/fazhi demo

run: demo
	@echo ""
	@echo "法治政府建设监督平台: http://127.0.0.1:8000/   公众查询: http://127.0.0.1:8000/public/"
	@echo "演示账号(密码均为 Fazhi@2026demo):"
	@echo "  zhang.supervisor  依法治县办(督办、审核、发督办单)"
	@echo "  wang.reporter     县行政审批服务管理局填报员"
	@echo "  zhao.reporter     县市场监督管理局填报员兼执法人员"
	@echo "  li.reviewer       县司法局合法性审核员"
	@echo "  sun.officer       县市场监督管理局执法人员"
	@echo "  qian.officer      县生态环境局执法人员"
	@echo "  zhou.leader       县政府领导(只读)"
	@echo "  admin             系统管理员(/admin/)"
	@echo ""
	$(BIN)/fazhi serve

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n 2

e2e: $(STAMP)
	$(BIN)/pytest -m e2e tests/e2e

# Refresh each app's English catalogue from the marked strings and compile it (needs GNU gettext).
APPS ?=
messages: $(STAMP)
	$(BIN)/fazhi messages $(APPS)

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var
