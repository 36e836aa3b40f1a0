/**
 * The packed view of a file: windows that cover every byte of the file exactly once, each within an embedding budget
 * (non-whitespace characters or tokens of a named encoding), cut along the syntax tree the way cAST does (greedy
 * packing of sibling nodes, recursion only into a node too large alone, a greedy merge of adjacent windows), with
 * packing restarted at each definition so that an edit changes only the windows around it. Each window has a content
 * id, its sizes and a context header kept apart from its verbatim content. Depends on {@code chunk} (rules, parsing
 * and validation) and {@code treesitter}; no Spring type, no storage. See {@code docs/packed-view.md}.
 */
@NullMarked
package dev.chunker.pack;

import org.jspecify.annotations.NullMarked;
