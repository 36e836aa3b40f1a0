package dev.chunker.chunk;

import java.util.List;

import dev.chunker.chunk.DefinitionMetadata.Parameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samples with exact expected metadata for the languages that have metadata rules but no independent parser on this
 * machine to check them against (Java and Python are checked by {@link JavaSignatureOracleTest} and
 * {@link PythonSignatureOracleTest}): TypeScript, JavaScript, Go, Rust and C#. Each covers what the language's rules
 * rely on: parameter names and types, return types, modifiers, annotations, the doc comment's form and the imports.
 */
class MetadataSamplesTest extends SampleChunking {

	@Test
	void typescript() {
		FileChunks chunks = chunk("src/shelf.ts", """
				import { Book } from "./book";
				import * as fs from "fs";

				/** A shelf. */
				export class Shelf {
				  /**
				   * Finds a book.
				   */
				  @cached()
				  static async find(title: string, limit?: number, ...tags: string[]): Promise<Book | undefined> {
				    return undefined;
				  }
				}

				export const count = async (shelf: Shelf = new Shelf()): Promise<number> => 0;
				const twice = x => x * 2;
				""");
		List<String> imports = List.of("import { Book } from \"./book\";", "import * as fs from \"fs\";");
		assertThat(metadata(chunks, "Shelf")).isEqualTo(new DefinitionMetadata("class Shelf", List.of(), null,
				List.of("export"), List.of(), "A shelf.", 58, 73, imports));
		DefinitionMetadata find = metadata(chunks, "Shelf.find");
		assertThat(find.parameters()).containsExactly(new Parameter("title", "string"), new Parameter("limit", "number"),
				new Parameter("...tags", "string[]"));
		assertThat(find.returns()).isEqualTo("Promise<Book | undefined>");
		assertThat(find.modifiers()).containsExactly("static", "async");
		assertThat(find.annotations()).containsExactly("@cached()");
		assertThat(find.doc()).isEqualTo("Finds a book.");
		assertThat(find.signature()).isEqualTo(
				"static async find(title: string, limit?: number, ...tags: string[]): Promise<Book | undefined>");
		DefinitionMetadata count = metadata(chunks, "count");
		assertThat(count.parameters()).containsExactly(new Parameter("shelf", "Shelf"));
		assertThat(count.returns()).isEqualTo("Promise<number>");
		assertThat(count.modifiers()).containsExactly("export", "async");
		assertThat(metadata(chunks, "twice").parameters()).containsExactly(new Parameter("x", null));
		// The decorator is part of the method's chunk, as a Python decorator is.
		CodeChunk method = chunks.chunks().stream().filter((c) -> "find".equals(c.name())).findFirst().orElseThrow();
		assertThat(method.content()).contains("@cached()");
	}

	@Test
	void javascript() {
		FileChunks chunks = chunk("lib/shelf.js", """
				import { open } from "./db.js";

				/**
				 * Opens the shelf.
				 */
				export default async function load(path, { strict = false } = {}, ...rest) {
				  return open(path);
				}
				""");
		DefinitionMetadata load = metadata(chunks, "load");
		assertThat(load.parameters()).containsExactly(new Parameter("path", null),
				new Parameter("{ strict = false }", null), new Parameter("...rest", null));
		assertThat(load.returns()).isNull();
		assertThat(load.modifiers()).containsExactly("export", "default", "async");
		assertThat(load.doc()).isEqualTo("Opens the shelf.");
		assertThat(load.imports()).containsExactly("import { open } from \"./db.js\";");
	}

	@Test
	void go() {
		FileChunks chunks = chunk("server.go", """
				package server

				import (
					"fmt"
					str "strings"
				)

				// Serve answers requests.
				// It blocks.
				func (s *Server) Serve(addr, name string, opts ...Option) (int, error) {
					return 0, nil
				}

				type Server struct {
					name string
				}
				""");
		DefinitionMetadata serve = metadata(chunks, "Serve");
		assertThat(serve.signature()).isEqualTo("func (s *Server) Serve(addr, name string, opts ...Option) (int, error)");
		assertThat(serve.parameters()).containsExactly(new Parameter("addr", "string"), new Parameter("name", "string"),
				new Parameter("opts", "Option"));
		assertThat(serve.returns()).isEqualTo("(int, error)");
		assertThat(serve.doc()).isEqualTo("Serve answers requests.\nIt blocks.");
		assertThat(serve.imports()).containsExactly("\"fmt\"", "str \"strings\"");
		assertThat(metadata(chunks, "Server").signature()).isEqualTo("type Server struct");
		assertThat(metadata(chunks, "Server").doc()).isNull();
	}

	@Test
	void rust() {
		FileChunks chunks = chunk("src/read.rs", """
				use std::io::{self, Read};

				/// Reads up to `n` bytes.
				/// Really.
				#[inline]
				pub(crate) async unsafe fn read<T: Read>(&mut self, r: &mut T, n: usize) -> io::Result<usize> {
				    Ok(0)
				}

				/** A block. */
				pub struct Block {
				    len: usize,
				}
				""");
		DefinitionMetadata read = metadata(chunks, "read");
		assertThat(read.parameters()).containsExactly(new Parameter("&mut self", null), new Parameter("r", "&mut T"),
				new Parameter("n", "usize"));
		assertThat(read.returns()).isEqualTo("io::Result<usize>");
		assertThat(read.modifiers()).containsExactly("pub(crate)", "async", "unsafe");
		assertThat(read.annotations()).containsExactly("#[inline]");
		assertThat(read.doc()).isEqualTo("Reads up to `n` bytes.\nReally.");
		assertThat(read.imports()).containsExactly("use std::io::{self, Read};");
		assertThat(metadata(chunks, "Block").doc()).isEqualTo("A block.");
		assertThat(metadata(chunks, "Block").modifiers()).containsExactly("pub");
	}

	@Test
	void csharp() {
		FileChunks chunks = chunk("Shelf.cs", """
				using System;

				namespace Library
				{
				    using System.IO;

				    /// <summary>A shelf.</summary>
				    [Serializable]
				    public sealed class Shelf
				    {
				        /// <summary>Counts.</summary>
				        public static async Task<int> Count(int from, string name = "x") => 1;

				        public int Size { get; set; }
				    }
				}
				""");
		DefinitionMetadata shelf = metadata(chunks, "Library.Shelf");
		assertThat(shelf.annotations()).containsExactly("[Serializable]");
		assertThat(shelf.modifiers()).containsExactly("public", "sealed");
		assertThat(shelf.doc()).isEqualTo("<summary>A shelf.</summary>");
		assertThat(shelf.imports()).containsExactly("using System;", "using System.IO;");
		DefinitionMetadata count = metadata(chunks, "Library.Shelf.Count");
		assertThat(count.parameters()).containsExactly(new Parameter("from", "int"), new Parameter("name", "string"));
		assertThat(count.returns()).isEqualTo("Task<int>");
		assertThat(count.signature()).isEqualTo("public static async Task<int> Count(int from, string name = \"x\")");
		assertThat(metadata(chunks, "Library.Shelf.Size").returns()).isEqualTo("int");
	}

	@Test
	void languagesWithoutMetadataRulesHaveNone() {
		FileChunks ruby = chunk("a.rb", "def greet(name)\n  puts name\nend\n");
		assertThat(ruby.chunks()).isNotEmpty().allSatisfy((c) -> assertThat(c.metadata()).isNull());
	}

	private static DefinitionMetadata metadata(FileChunks chunks, String qualifiedName) {
		CodeChunk chunk = chunks.chunks().stream().filter((c) -> qualifiedName.equals(c.qualifiedName())).findFirst()
			.orElseThrow(() -> new AssertionError("no chunk " + qualifiedName + " in " + chunks.chunks().stream()
				.map(CodeChunk::qualifiedName).toList()));
		assertThat(chunk.metadata()).as("metadata of %s", qualifiedName).isNotNull();
		return chunk.metadata();
	}

}
