/*
 * Chunker's own native helper, linked into the tree-sitter bundle: one pre-order walk of a tree that
 * reports the nodes whose symbol is marked in a table, in a single call. It replaces a tree-sitter query
 * for rules made of plain node types, where the query engine's per-node matching costs far more than
 * the walk itself.
 */
#include <stdint.h>
#include <string.h>

#include "tree_sitter/api.h"

_Static_assert(sizeof(TSNode) == 32, "records hold a 32-byte TSNode");

/*
 * Walks every node of `tree` in document (pre-order) order. A node whose public symbol s has
 * marks[s] != 0 (s < marks_len) is reported as a 48-byte record in `out`: the TSNode struct (32 bytes),
 * then marks[s] | (has_error << 8) | (symbol << 16), the start byte and the end byte as 32-bit values, and four
 * bytes of padding.
 * At most `capacity` records are written; the return value is the number of marked nodes, so a caller
 * whose buffer was too small learns the size it needs.
 */
__attribute__((visibility("default"))) int64_t chunker_walk(const TSTree *tree, const uint8_t *marks,
                                                             uint32_t marks_len, uint8_t *out,
                                                             int64_t capacity) {
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  int64_t count = 0;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    TSSymbol symbol = ts_node_symbol(node);
    if (symbol < marks_len && marks[symbol] != 0) {
      if (count < capacity) {
        uint8_t *record = out + count * 48;
        uint32_t info[4] = {(uint32_t)marks[symbol] | ((uint32_t)ts_node_has_error(node) << 8) | ((uint32_t)symbol << 16),
                            ts_node_start_byte(node), ts_node_end_byte(node), 0};
        memcpy(record, &node, sizeof(TSNode));
        memcpy(record + 32, info, sizeof(info));
      }
      count++;
    }
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return count;
      }
    }
  }
}
