# Convenience targets; CI runs .ci/run.
.PHONY: test demo bench fuzz-long chaos-long ci

test:
	go test -race ./...

demo:
	go run ./cmd/cstav3-monitor

bench:
	go test -run '^$$' -bench . -benchmem ./ber ./cstav3 ./xmlbridge/... ./hipath/...

# Every fuzz target for FUZZTIME each (default 5m).
FUZZTIME ?= 5m
fuzz-long:
	@for f in $$(git ls-files '*_test.go'); do \
		for t in $$(grep -oE '^func (Fuzz[A-Za-z0-9_]+)' $$f | awk '{print $$2}'); do \
			echo "== ./$$(dirname $$f) $$t"; \
			go test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f) || exit 1; \
		done; \
	done

# The chaos tests at full length (RELIABILITY.md): a PBX link drop every
# second for 60 s, under traffic and with bridge consumers, and a flood of
# 400,000 events at a stuck callback. CI runs them short. Their figures are
# the "chaos:" lines.
chaos-long:
	CSTAV3_CHAOS_FULL=1 go test -race -count=1 -timeout 20m -v -run 'Chaos' ./cstav3 ./xmlbridge/...

ci:
	CI=true bash .ci/run

# The figures of BENCHMARKS.md (about 15 minutes on 2 cores): every
# micro-benchmark (ours, Logicalis/asn1 and go-asn1-ber in the same run),
# the targets, then the end-to-end matrix of cstav3-monitor bench. Outputs
# go to BENCH_OUT.
BENCH_OUT ?= /tmp/cstav3-benchmarks
.PHONY: benchmarks
benchmarks:
	mkdir -p $(BENCH_OUT)
	go test -run '^$$' -bench . -benchmem ./ber ./cstav3 ./xmlbridge/... ./hipath/... ./internal/... | tee $(BENCH_OUT)/micro.txt
	go build -o $(BENCH_OUT)/cstav3-monitor ./cmd/cstav3-monitor
	$(BENCH_OUT)/cstav3-monitor bench --events 1000000 | tee $(BENCH_OUT)/callbacks-max.txt
	$(BENCH_OUT)/cstav3-monitor bench --events 500000 --consumers 1 | tee $(BENCH_OUT)/bridge-max.txt
	$(BENCH_OUT)/cstav3-monitor bench --rate 10000 --duration 10s | tee $(BENCH_OUT)/callbacks-10k.txt
	$(BENCH_OUT)/cstav3-monitor bench --rate 10000 --duration 10s --consumers 1 | tee $(BENCH_OUT)/bridge-10k.txt
	$(BENCH_OUT)/cstav3-monitor bench --rate 10000 --duration 10s --consumers 1 --mix call | tee $(BENCH_OUT)/bridge-10k-mix.txt
	$(BENCH_OUT)/cstav3-monitor bench --monitors 10000 --events 200000 | tee $(BENCH_OUT)/monitors-10k.txt
	$(BENCH_OUT)/cstav3-monitor bench --matrix --duration 5s --plot $(BENCH_OUT)/matrix.png | tee $(BENCH_OUT)/matrix.md
