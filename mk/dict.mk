# dict.mk — make dict-check: validates the default dictionaries (issue 4).
.PHONY: dict-check
dict-check: $(BUILD)/dyad
	@DYAD=$(BUILD)/dyad bash scripts/dict-check.sh
