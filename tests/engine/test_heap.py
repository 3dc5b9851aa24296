"""After a training run the app hands the heap's free memory back to the operating system (Linux, glibc)."""

from __future__ import annotations

import gc
import platform
import sys

import pytest

from digitpad.engine.system.heap import release_free_memory, resident_mb

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's"
)


def test_memory_freed_below_a_live_block_goes_back_to_the_system():
    blocks = [bytearray(100_000) for _ in range(2_000)]  # 200 MB from the heap, each written (zero-filled)
    pinned = bytearray(100_000)  # allocated last: the heap cannot shrink from its top past it by itself
    del blocks
    gc.collect()
    before = resident_mb()
    release_free_memory()
    assert before - resident_mb() > 100, "the freed 200 MB stayed resident"
    del pinned
