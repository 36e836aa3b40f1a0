/**
 * The tree-sitter edge: the native bundle and its loading, grammars, the parser pool, the AST cache and the native
 * node walk. Depends on jtreesitter and the JDK only; nothing of ours and nothing of Spring.
 */
@NullMarked
package dev.chunker.treesitter;

import org.jspecify.annotations.NullMarked;
