# Convenience targets; CI runs .ci/run.
.PHONY: test demo bench fuzz-long ci

test:
	go test -race ./...

demo:
	go run ./cmd/cstav3-monitor

bench:
	go test -run '^$$' -bench . -benchmem ./ber ./cstav3 ./xmlbridge ./hipath/...

# Every fuzz target for FUZZTIME each (default 5m).
FUZZTIME ?= 5m
fuzz-long:
	@for f in $$(git ls-files '*_test.go'); do \
		for t in $$(grep -oE '^func (Fuzz[A-Za-z0-9_]+)' $$f | awk '{print $$2}'); do \
			echo "== ./$$(dirname $$f) $$t"; \
			go test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f) || exit 1; \
		done; \
	done

ci:
	CI=true bash .ci/run
