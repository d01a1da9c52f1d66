# antom-checkout — `make run` for the demo, `make test` for everything.
GO        ?= go
RACE_PKGS  = ./antom/... ./app/... ./checkout/... ./db/... ./handlers/... ./metrics/...
PLAIN_PKGS = . ./views/... ./static/... ./e2e/... ./bench/...

.PHONY: run test bench generate check-generate fmt-check vet chromium

## run: the demo on the built-in Antom sandbox (http://localhost:8080),
## metrics and pprof on http://127.0.0.1:9091
run:
	METRICS_ADDR=$${METRICS_ADDR-127.0.0.1:9091} $(GO) run .

## generate: regenerate templ's Go files from views/*.templ
generate:
	$(GO) tool templ generate

## test: every check CI runs, end-to-end tests in Chromium included
test: chromium check-generate fmt-check vet
	$(GO) test -race -timeout 15m $(RACE_PKGS)
	$(GO) test -timeout 15m $(PLAIN_PKGS)

## bench: Go benchmarks: signing beside bare RSA, then the flows through the app
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./antom/
	$(GO) test -run '^$$' -bench . -benchtime 200x -count 5 ./bench/

check-generate:
	@$(GO) tool templ generate >/dev/null
	@if [ -n "$$(git status --porcelain -- '*_templ.go')" ]; then \
		echo "templ output differs from the committed *_templ.go files:"; \
		git status --porcelain -- '*_templ.go'; \
		echo "run 'make generate' and commit the result"; exit 1; fi

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# The end-to-end tests drive Debian's chromium. Installed when missing and
# we are root; otherwise the tests skip locally (and fail under CI).
chromium:
	@if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian's chromium for the end-to-end tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "chromium is missing: 'sudo apt-get install chromium' to run the end-to-end tests"; \
	fi
