# mk/fuzz.mk — libFuzzer harnesses (issue 8, hardening).
#
#   make fuzz            builds every harness with clang (libFuzzer + ASan + UBSan)
#                        and runs each for FUZZ_SECONDS (default 60); new inputs go
#                        to $(FUZZ_BUILD)/corpus/<harness>, crashes to
#                        $(FUZZ_BUILD)/crashes/; fails if any harness crashed
#   make fuzz-regress    runs every harness once over its committed seed corpus
#                        (tests/fuzz/corpus/<harness>) and crash reproducers
#                        (tests/fuzz/regress/<harness>): fast, for make check / CI
#   make fuzz-build      only builds the harnesses
#
# The library is compiled again with clang into its own tree (FUZZ_BUILD), with
# -fsanitize=fuzzer-no-link so libFuzzer sees its coverage; the gcc build and
# its flags (-Werror with gcc's warning set) are untouched.  Needs clang's
# libFuzzer runtime (Debian package libclang-rt-14-dev, with clang-14).

FUZZ_CC       ?= clang
FUZZ_BUILD    ?= build-fuzz-objs
FUZZ_SECONDS  ?= 60
FUZZ_HARNESSES = story jsonl dict_actors dict_agents dict_verbs dict_discards_issues code
FUZZ_SAN       = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS    = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
                 -fno-omit-frame-pointer $(FUZZ_SAN) -Iinclude -Isrc \
                 -DDYAD_DATADIR='"$(PREFIX)/share/dyad"' -DDYAD_SRCDIR='"$(CURDIR)"' $(PKG_CFLAGS)
FUZZ_OBJ       = $(SRC:%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_BINS      = $(FUZZ_HARNESSES:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_HEADERS   = $(wildcard tests/fuzz/*.h)

$(FUZZ_BUILD)/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  FUZZCC $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/libdyad-fuzz.a: $(FUZZ_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HEADERS) $(FUZZ_BUILD)/libdyad-fuzz.a
	@echo "  FUZZLD $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -D_GNU_SOURCE -Itests/fuzz -fsanitize=fuzzer -o $@ $< \
	    $(FUZZ_BUILD)/libdyad-fuzz.a $(PKG_LIBS)

.PHONY: fuzz-build fuzz-regress
fuzz-build: $(FUZZ_BINS)

# One harness after another (each is single-threaded); every harness runs even
# when an earlier one crashed, and the target fails at the end.
fuzz: $(FUZZ_BINS)
	@mkdir -p $(FUZZ_BUILD)/crashes; failed=""; \
	for h in $(FUZZ_HARNESSES); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$h; \
	  dirs="$(FUZZ_BUILD)/corpus/$$h"; \
	  for d in tests/fuzz/corpus/$$h tests/fuzz/regress/$$h; do [ -d $$d ] && dirs="$$dirs $$d"; done; \
	  echo "== fuzz_$$h for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BUILD)/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=2048 \
	      -max_len=65536 -dict=tests/fuzz/dyad.dict -print_final_stats=1 \
	      -artifact_prefix=$(FUZZ_BUILD)/crashes/$$h- $$dirs \
	      > $(FUZZ_BUILD)/fuzz_$$h.log 2>&1 || failed="$$failed $$h"; \
	  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
	      $(FUZZ_BUILD)/fuzz_$$h.log | tail -n 4; \
	done; \
	if [ -n "$$failed" ]; then \
	  echo "fuzz: crashes in:$$failed (logs $(FUZZ_BUILD)/fuzz_*.log, inputs $(FUZZ_BUILD)/crashes/)"; exit 1; \
	fi; echo "fuzz: no crashes"

fuzz-regress: $(FUZZ_BINS)
	@failed=""; \
	for h in $(FUZZ_HARNESSES); do \
	  files=$$(find tests/fuzz/corpus/$$h tests/fuzz/regress/$$h -type f 2>/dev/null | sort); \
	  [ -n "$$files" ] || { echo "fuzz-regress: no inputs for $$h"; failed="$$failed $$h"; continue; }; \
	  n=$$(echo "$$files" | wc -l); \
	  if $(FUZZ_BUILD)/fuzz_$$h -timeout=20 $$files > $(FUZZ_BUILD)/regress_$$h.log 2>&1; then \
	    echo "fuzz-regress: $$h: $$n inputs ok"; \
	  else echo "fuzz-regress: $$h FAILED (see $(FUZZ_BUILD)/regress_$$h.log)"; \
	    tail -n 30 $(FUZZ_BUILD)/regress_$$h.log; failed="$$failed $$h"; fi; \
	done; [ -z "$$failed" ]

-include $(FUZZ_OBJ:.o=.d)
