# dyad — build, test and install.
#
#   make            library (build/libdyad.a, build/libdyad.so) and CLI (build/dyad)
#   make demo       code the bundled sample stories and print a summary
#   make check      every test, in a normal and in a sanitizer (ASan+UBSan) build
#   make install PREFIX=/usr/local
#
# Every source file under src/ goes into libdyad; every cli/*.c into the dyad
# binary; every tests/unit/test_*.c becomes one cmocka test program.  Parts of
# the project that need targets of their own put them in mk/*.mk.

BUILD   ?= build
SAN     ?= 0
PREFIX  ?= /usr/local
SHARED  ?= $(abspath ../shared)
CC      ?= cc

PKGS     = libcjson libutf8proc sqlite3
# Recursive (=) so pkg-config runs only after the deps stamp has installed it.
# libpq is not linked: src/store/postgres.c opens it at the first PostgreSQL
# store (its TLS, Kerberos and LDAP libraries cost every run start-up time).
# Only its header is needed to build; the tests that set up a database link it.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) libpq)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lpthread -lm -ldl
PQ_LIBS    = $(shell pkg-config --libs libpq)

WARN    = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
ifeq ($(SAN),1)
OPT     = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDSAN   = -fsanitize=address,undefined
else
OPT     ?= -O2 -g
LDSAN   =
endif
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(OPT) -fPIC \
             -Iinclude -Isrc -DDYAD_DATADIR='"$(PREFIX)/share/dyad"' \
             -DDYAD_SRCDIR='"$(CURDIR)"' $(PKG_CFLAGS) $(CFLAGS)

SRC      := $(shell find src -name '*.c' | sort)
OBJ      := $(SRC:%.c=$(BUILD)/obj/%.o)
CLI_SRC  := $(sort $(wildcard cli/*.c))
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEST_HELPERS := $(filter-out $(TEST_SRC),$(wildcard tests/unit/*.c))
DEPS_STAMP := $(BUILD)/.deps-installed

.PHONY: all deps demo check test tests install clean dict-check bench model fuzz
all: $(BUILD)/libdyad.a $(BUILD)/libdyad.so $(BUILD)/dyad

deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/setup-deps.sh
	@bash scripts/setup-deps.sh
	@mkdir -p $(@D) && touch $@

$(BUILD)/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/libdyad.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libdyad.so: $(OBJ)
	$(CC) -shared $(LDSAN) -o $@ $^ $(PKG_LIBS)

$(BUILD)/dyad: $(CLI_OBJ) $(BUILD)/libdyad.a
	$(CC) $(LDSAN) -o $@ $(CLI_OBJ) $(BUILD)/libdyad.a $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(TEST_HELPERS) $(BUILD)/libdyad.a
	@mkdir -p $(@D)
	@echo "  TEST  $@"
	@$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(TEST_HELPERS) $(BUILD)/libdyad.a $(PKG_LIBS) $(PQ_LIBS) -lcmocka $(LDSAN)

tests: $(TEST_BIN) $(BUILD)/dyad

# One build's tests: unit tests, then the end-to-end suites.
test: tests
	@BUILD=$(BUILD) DYAD_SHARED=$(SHARED) bash scripts/run-tests.sh

# The README's test command: normal build, then the sanitizer build.
check: all
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory BUILD=$(BUILD)-san SAN=1 test

demo: all
	@[ -f gazetteer/gazetteer.bin ] || $(MAKE) --no-print-directory gazetteer >/dev/null 2>&1 || \
	  echo "note: gazetteer not built (needs npm): places resolve to countries and capitals only"
	@bash scripts/demo.sh $(BUILD)/dyad

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	           $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/dyad \
	           $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/dyad $(DESTDIR)$(PREFIX)/bin/dyad
	install -m 644 $(BUILD)/libdyad.a $(BUILD)/libdyad.so $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/dyad.h $(DESTDIR)$(PREFIX)/include/dyad.h
	cp -R data/. $(DESTDIR)$(PREFIX)/share/dyad/
	[ ! -d models ] || cp -R models $(DESTDIR)$(PREFIX)/share/dyad/
	[ ! -f gazetteer/gazetteer.bin ] || install -m 644 gazetteer/gazetteer.bin gazetteer/ATTRIBUTION $(DESTDIR)$(PREFIX)/share/dyad/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBS@|$(PKG_LIBS)|g' docs/dyad.pc.in \
	    > $(DESTDIR)$(PREFIX)/lib/pkgconfig/dyad.pc
	install -m 644 docs/dyad.1 $(DESTDIR)$(PREFIX)/share/man/man1/dyad.1

clean:
	rm -rf $(BUILD) $(BUILD)-san

-include $(OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# Fragments may append to BENCH_TARGETS (e.g. bench-parse, bench-store).
BENCH_TARGETS :=
-include $(sort $(wildcard mk/*.mk))

# Performance is measured here, never by timed tests.
bench: all $(BENCH_TARGETS)
	@DYAD=$(BUILD)/dyad DYAD_SHARED=$(SHARED) bash scripts/bench.sh
