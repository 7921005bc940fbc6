# dict.mk — the default dictionaries (issue 4).
#
#   make dict-check      validates data/dictionaries (also part of make check)
#   make dict-coverage   writes docs/dict-coverage.md: how many Phoenix
#                        country-actor phrases and verb lemmas ours recognise
#                        (needs ../shared/ref/petrarch2; report only)
.PHONY: dict-check dict-coverage
dict-check: $(BUILD)/dyad
	@DYAD=$(BUILD)/dyad bash scripts/dict-check.sh

DICTCOV := $(BUILD)/tools/dictcov
$(DICTCOV): tools/dictcov/dictcov.c $(BUILD)/libdyad.a
	@mkdir -p $(@D)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(PKG_LIBS) $(LDSAN)

dict-coverage: $(DICTCOV)
	@DICTCOV=$(DICTCOV) DYAD_SHARED=$(SHARED) bash scripts/dict-coverage.sh
