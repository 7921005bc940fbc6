# mk/syntax.mk — the parser model (make model) and its benchmark (make bench-parse).
#
#   make model        re-trains models/en_ewt.dyp from ../shared/ud/en_ewt (a few
#                     minutes on one core) and scores it on the test set
#   make model-full   the same recipe (its epoch count chosen on dev by make model)
#                     trained on train + dev, the last epoch kept, into FULL_MODEL;
#                     scored on test (not shipped: see models/README.md)
#   make bench-parse  tagging + parsing speed on news sentences, one thread

UD_EWT      ?= $(SHARED)/ud/en_ewt
PARSER_MODEL ?= models/en_ewt.dyp
# The shipped model's recipe: change it here, re-run make model, update models/README.md.
MODEL_ARGS  ?= --tag-epochs 8 --epochs 12 --seed 1 --merge-prob 0.1 --prune 1.0 --prune-tagger 0.3

FULL_MODEL  ?= $(BUILD)/en_ewt-full.dyp

.PHONY: model model-full bench-parse
model: $(BUILD)/dyad
	@if [ ! -f "$(UD_EWT)/en_ewt-ud-train.conllu" ]; then \
	  echo "make model: $(UD_EWT) not found; the shipped $(PARSER_MODEL) is kept"; \
	else \
	  $(BUILD)/dyad train --train $(UD_EWT)/en_ewt-ud-train.conllu \
	    --dev $(UD_EWT)/en_ewt-ud-dev.conllu -o $(PARSER_MODEL) $(MODEL_ARGS) && \
	  $(BUILD)/dyad eval-parse --model $(PARSER_MODEL) $(UD_EWT)/en_ewt-ud-dev.conllu && \
	  $(BUILD)/dyad eval-parse --model $(PARSER_MODEL) $(UD_EWT)/en_ewt-ud-test.conllu; \
	fi

model-full: $(BUILD)/dyad
	@if [ ! -f "$(UD_EWT)/en_ewt-ud-train.conllu" ]; then \
	  echo "make model-full: $(UD_EWT) not found"; \
	else \
	  $(BUILD)/dyad train --train $(UD_EWT)/en_ewt-ud-train.conllu \
	    --train-more $(UD_EWT)/en_ewt-ud-dev.conllu -o $(FULL_MODEL) $(MODEL_ARGS) && \
	  $(BUILD)/dyad eval-parse --model $(FULL_MODEL) $(UD_EWT)/en_ewt-ud-test.conllu; \
	fi

BENCH_TARGETS += bench-parse
BENCH_PARSE_INPUT ?= $(SHARED)/corpora/bbc_news.jsonl
bench-parse: $(BUILD)/dyad
	@if [ ! -f "$(PARSER_MODEL)" ]; then echo "bench-parse: no $(PARSER_MODEL): skipped"; \
	elif [ ! -f "$(BENCH_PARSE_INPUT)" ]; then echo "bench-parse: $(BENCH_PARSE_INPUT) not found: skipped"; \
	else $(BUILD)/dyad parse --bench --model $(PARSER_MODEL) $(BENCH_PARSE_INPUT); fi
