# antom-checkout — `make run` for the demo, `make test` for everything.
GO        ?= go
RACE_PKGS  = ./antom/... ./app/... ./checkout/... ./db/... ./handlers/... ./internal/... ./lang/... ./metrics/...
PLAIN_PKGS = . ./views/... ./static/... ./e2e/... ./bench/... ./proof/... ./cluster/...

# Fuzz targets, package:name. make test runs each for FUZZ_SMOKE, make fuzz
# for FUZZTIME. The smoke run counts executions, not seconds: Go 1.26's fuzz
# coordinator can fail a target whose time runs out while a worker is still
# executing ("context deadline exceeded", no failing input; go.dev/issue/75804,
# fixed in Go 1.27), and a count has no deadline to race.
FUZZ_TARGETS = antom:FuzzSignatureHeader antom:FuzzVerifyNotification antom:FuzzAmountMinor \
	checkout:FuzzParseMajor checkout:FuzzReceiveNotification
FUZZ_SMOKE ?= 1000x
FUZZTIME   ?= 2m

.PHONY: run run-cluster test bench fuzz run-fuzz chaos crash generate check-generate fmt-check vet chromium fonts postgresql haproxy haproxy-tests wrk

## run: the demo on the built-in Antom sandbox (http://localhost:8080),
## metrics and pprof on http://127.0.0.1:9091, a demo MERCHANT_CONTACT.
## Built, then exec'd: the app is make's own child, so SIGTERM reaches it
## and its exit status is make's. Ctrl-C ends it quietly: the app shuts
## down and exits 0, and a Ctrl-C during the build ends the shell with 0
## too (its trap), so make has no failure to report ("*** Interrupt").
run:
	@echo "building $(RUN_BIN), then running it (Ctrl-C stops it)"
	@trap 'exit 0' INT; $(GO) build -o $(RUN_BIN) . && \
		METRICS_ADDR=$${METRICS_ADDR-127.0.0.1:9091} MERCHANT_CONTACT=$${MERCHANT_CONTACT-help@demo-shop.example} \
		exec $(RUN_BIN)

RUN_BIN ?= $(or $(TMPDIR),/tmp)/antom-checkout-run

## run-cluster: the demo on PostgreSQL: the sandbox, CLUSTER_SIZE instances
## (3) and haproxy on http://localhost:8080; Ctrl-C stops all of it and
## ends quietly, as run does (built, then exec'd: `go run` would answer an
## interrupt with exit status 1, which make reports as a failure).
run-cluster: postgresql haproxy
	@echo "building $(CLUSTER_BIN), then running it (Ctrl-C stops it)"
	@trap 'exit 0' INT; $(GO) build -o $(CLUSTER_BIN) ./cluster/run && exec $(CLUSTER_BIN)

CLUSTER_BIN ?= $(or $(TMPDIR),/tmp)/antom-checkout-cluster

## chaos: 1,000 wallet and 200 card payments through the app while the
## sandbox fails on purpose, then every order checked against its ledger
## (README "Proof"); CHAOS_FLAGS passes options, e.g. CHAOS_FLAGS='-seed 7'
chaos:
	$(GO) run ./proof/cmd/chaos $(CHAOS_FLAGS)

## crash: the built app killed with SIGKILL (at least 5 times) while it
## takes payments, refunds and links, restarted each time, then checked
crash:
	$(GO) build -o $(CRASH_BIN) .
	$(GO) run ./proof/cmd/crash -bin $(CRASH_BIN) $(CRASH_FLAGS)

CRASH_BIN ?= $(or $(TMPDIR),/tmp)/antom-checkout-crash

# cluster's haproxy tests drive Debian's haproxy: installed when missing
# and we are root (as for make run-cluster); otherwise they skip locally
# (and fail under CI).
haproxy-tests:
	@if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then $(MAKE) --no-print-directory haproxy; \
	else echo "haproxy is missing: 'sudo apt-get install haproxy' to run the haproxy tests"; fi

## generate: regenerate templ's Go files from views/*.templ
generate:
	$(GO) tool templ generate

## test: every check CI runs, end-to-end tests in Chromium included
## (db's tests run on SQLite and PostgreSQL; checkout's and handlers'
## run again on PostgreSQL)
test: chromium fonts postgresql haproxy-tests check-generate fmt-check vet
	$(GO) test -race -timeout 25m $(RACE_PKGS)
	TEST_DB=postgres $(GO) test -timeout 25m ./checkout/ ./handlers/
	$(GO) test -timeout 25m $(PLAIN_PKGS)
	@$(MAKE) --no-print-directory run-fuzz FOR=$(FUZZ_SMOKE)

## fuzz: every fuzz target for FUZZTIME (default 2m each); new failing
## inputs land in <package>/testdata/fuzz/ and then run with go test
fuzz:
	@$(MAKE) --no-print-directory run-fuzz FOR=$(FUZZTIME)

run-fuzz:
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz ./$${t%%:*} $${t##*:} for $(FOR)"; \
		$(GO) test -run '^$$' -fuzz "^$${t##*:}$$" -fuzztime $(FOR) ./$${t%%:*} || exit 1; \
	done

## bench: Go benchmarks: signing beside bare RSA, saying words and rendering
## pages in a language, then the flows through the app, then the built
## binary under load (pages and notifications from wrk, start-up, peak RSS)
## on SQLite and PostgreSQL, each beside its baseline
# The benchmarks' PostgreSQL keeps its own durability (every commit flushed,
# as in production: db/dbtest's DBTEST_PG_DURABLE); the tests' runs without.
bench: export DBTEST_PG_DURABLE = 1
bench: postgresql wrk
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./antom/
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./lang/ ./views/
	$(GO) test -run '^$$' -bench 'Reads$$' -benchtime 20x -count 5 ./db/
	$(GO) test -run '^$$' -bench . -skip '^BenchmarkLoad' -benchtime 200x -count 5 ./bench/
	$(GO) test -run '^$$' -bench '^BenchmarkLoad' -benchtime 1x -count 5 -timeout 30m ./bench/

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

# $(call debian_package,NAME,WHAT FOR): installs Debian's package NAME (its
# command has the same name) when missing and we are root; otherwise says
# how, WHAT FOR, and succeeds (the tests that need it skip locally).
define debian_package
@if command -v $(1) >/dev/null 2>&1; then exit 0; fi; \
if [ "$$(id -u)" = 0 ]; then \
	echo "installing Debian's $(1) $(2)"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
else \
	echo "$(1) is missing: 'sudo apt-get install $(1)' $(2)"; \
fi
endef

# The end-to-end tests drive Debian's chromium. Installed when missing and
# we are root; otherwise the tests skip locally (and fail under CI).
chromium:
	$(call debian_package,chromium,to run the end-to-end tests)

# The end-to-end layout tests measure Chinese, Korean and Thai pages as a
# buyer's browser draws them: Debian's fonts-noto-cjk and fonts-thai-tlwg,
# installed when missing and we are root (without them Chromium draws
# boxes, and the tests would measure those); otherwise
# TestBuyersScriptsHaveFonts skips locally (and fails under CI).
fonts:
	@if fc-list :lang=ko 2>/dev/null | grep -q . && fc-list :lang=zh-cn 2>/dev/null | grep -q . && \
		fc-list :lang=th 2>/dev/null | grep -q .; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian's fonts-noto-cjk and fonts-thai-tlwg for the end-to-end layout tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fonts-thai-tlwg >/dev/null; \
	else \
		echo "fonts are missing: 'sudo apt-get install fonts-noto-cjk fonts-thai-tlwg' for the end-to-end layout tests"; \
	fi

# The PostgreSQL tests start a throwaway server from Debian's postgresql
# (db/dbtest), or use TEST_DATABASE_URL. Installed when missing and we are
# root, its default cluster left stopped; otherwise those tests skip
# locally (and fail under CI).
postgresql:
	@if [ -n "$$TEST_DATABASE_URL" ] || command -v initdb >/dev/null 2>&1 || \
		ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian's postgresql for the PostgreSQL tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null && \
		pg_lsclusters -h | awk '$$4 == "online" { print $$1, $$2 }' | \
			while read version cluster; do pg_ctlcluster "$$version" "$$cluster" stop; done; \
	else \
		echo "postgresql is missing: 'sudo apt-get install postgresql' to run the PostgreSQL tests"; \
	fi

# make bench loads the built binary from Debian's wrk (pages,
# notifications). Installed when missing and we are root; otherwise those
# benchmarks skip.
wrk:
	$(call debian_package,wrk,for make bench's load rows)

# make run-cluster's load balancer: Debian's haproxy, installed when
# missing and we are root (its own service left stopped).
haproxy:
	@if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian's haproxy for make run-cluster"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null && \
		(systemctl stop haproxy 2>/dev/null || service haproxy stop 2>/dev/null || true); \
	else \
		echo "haproxy is missing: 'sudo apt-get install haproxy' for make run-cluster"; exit 1; \
	fi
