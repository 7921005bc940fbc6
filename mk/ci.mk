# ci.mk — what .ci/run prepares before `make check`: the gazetteer (needs the
# npm registry; without it geolocation falls back to built-in countries and
# the gazetteer suites skip).
.PHONY: ci-prepare
ci-prepare:
	@$(MAKE) --no-print-directory gazetteer || echo "warning: gazetteer not built: geolocation suites will skip"
