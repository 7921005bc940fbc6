# mk/store.mk — the store's own programs (issue 6):
#   $(BUILD)/store-crash   crash-consistency checker run by tests/e2e/store_crash.sh
#   $(BUILD)/store-bench   1M synthetic events: ingest rate and query times
#   make bench-store       runs the benchmark (SQLite; PostgreSQL too if DYAD_TEST_PG is set)

STORE_PROG_DEPS = tests/store/synth.h $(BUILD)/libdyad.a

$(BUILD)/store-crash: tests/store/crash.c $(STORE_PROG_DEPS)
	@mkdir -p $(@D)
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS_ALL) -Itests/store -o $@ $< $(BUILD)/libdyad.a $(PKG_LIBS) $(LDSAN)

$(BUILD)/store-bench: tests/store/bench.c $(STORE_PROG_DEPS)
	@mkdir -p $(@D)
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS_ALL) -Itests/store -o $@ $< $(BUILD)/libdyad.a $(PKG_LIBS) $(LDSAN)

# the e2e suites use both (store-bench builds store_cli.sh's synthetic store)
tests: $(BUILD)/store-crash $(BUILD)/store-bench

STORE_BENCH_EVENTS ?= 1000000
.PHONY: bench-store
bench-store: $(BUILD)/store-bench $(BUILD)/dyad
	@$(BUILD)/store-bench /tmp/dyad-bench-store.db $(STORE_BENCH_EVENTS)
	@if [ -n "$${DYAD_TEST_PG:-}" ]; then $(BUILD)/store-bench "$$DYAD_TEST_PG" $(STORE_BENCH_EVENTS); \
	 else echo "bench-store: DYAD_TEST_PG not set: PostgreSQL not measured"; fi
BENCH_TARGETS += bench-store
