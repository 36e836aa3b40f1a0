package dev.chunker.chunk;


import org.junit.jupiter.api.Test;

import static dev.chunker.chunk.LanguageSamplesTest.assertClean;
import static dev.chunker.chunk.LanguageSamplesTest.find;
import static dev.chunker.chunk.LanguageSamplesTest.outline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samples with exact expected chunks for the languages added after the first fourteen, kept apart from
 * {@link LanguageSamplesTest} so that file stays readable. Same conventions: node type, qualified name, lines, parent.
 */
class AddedLanguageSamplesTest extends SampleChunking {

	// ---------------------------------------------------------------------------------------------------------
	// lua (no decorators or attributes in the language; LDoc comments are "---" line comments)

	static final String LUA = """
		local M = {}

		--- Greets someone.
		-- @param name string
		function M.greet(name)
		  return "hello " .. name
		end

		--- A method on M.
		function M:size()
		  local function inner(x)
		    return x * 2
		  end
		  return inner(#self)
		end

		local function helper()
		  return 1
		end

		function global_fn()
		  return helper()
		end

		local anon = function() return 2 end

		return M
		""";

	@Test
	void lua() {
		FileChunks result = chunk("lua/mod/init.lua", LUA);
		assertClean(result, "lua");
		// A function expression assigned to a name is a chunk named by the name, as in JavaScript.
		assertThat(outline(result)).containsExactly(
				"function_declaration M.greet 3-7 <-",
				"function_declaration M:size 9-15 <-",
				"function_declaration M:size.inner 11-13 <M:size",
				"function_declaration helper 17-19 <-",
				"function_declaration global_fn 21-23 <-",
				"variable_declaration anon 25-25 <-");
		assertThat(find(result, "M.greet").content())
			.isEqualTo("--- Greets someone.\n-- @param name string\nfunction M.greet(name)\n  return \"hello \" .. name\nend");
	}

	@Test
	void luaByShebang() {
		FileChunks result = chunk("bin/tool", "#!/usr/bin/env lua\nfunction main()\n  print(1)\nend\n");
		assertClean(result, "lua");
		assertThat(outline(result)).containsExactly("function_declaration main 2-4 <-");
	}

	// ---------------------------------------------------------------------------------------------------------
	// toml (top-level keys and tables, and the keys of each table; no attributes in the format)

	static final String TOML = """
		# Package metadata.
		title = "demo"
		owner.name = "x"

		[server]
		host = "localhost"
		ports = [8001, 8002]

		[database.main]
		# The login.
		user = "admin"
		nested = { a = 1 }

		[[products]]
		name = "Hammer"
		""";

	@Test
	void toml() {
		FileChunks result = chunk("config/app.toml", TOML);
		assertClean(result, "toml");
		// A dotted key is named as written; a comment inside a table, directly above a key, belongs to that key; a
		// table ends at its last key, not at the next header.
		assertThat(outline(result)).containsExactly(
				"pair title 1-2 <-",
				"pair owner.name 3-3 <-",
				"table server 5-7 <-",
				"pair server.host 6-6 <server",
				"pair server.ports 7-7 <server",
				"table database.main 9-12 <-",
				"pair database.main.user 10-11 <database.main",
				"pair database.main.nested 12-12 <database.main",
				"table_array_element products 14-15 <-",
				"pair products.name 15-15 <products");
		assertThat(find(result, "database.main.user").content()).isEqualTo("# The login.\nuser = \"admin\"");
		assertThat(find(result, "server").content()).isEqualTo("[server]\nhost = \"localhost\"\nports = [8001, 8002]");
	}

	// ---------------------------------------------------------------------------------------------------------
	// yaml (top-level keys and the keys below them; anchors and tags are values, not attributes)

	static final String YAML = """
		# Service configuration.
		name: demo
		server:
		  host: localhost
		  ports:
		    - 8001
		    - 8002
		  # Transport security.
		  tls:
		    cert: a.pem
		---
		other: 1
		list:
		  - a: 1
		""";

	@Test
	void yaml() {
		FileChunks result = chunk("deploy/app.yaml", YAML);
		assertClean(result, "yaml");
		// Third-level keys (server.tls.cert) and keys inside sequences (list[0].a) stay inside their parents.
		assertThat(outline(result)).containsExactly(
				"block_mapping_pair name 1-2 <-",
				"block_mapping_pair server 3-10 <-",
				"block_mapping_pair server.host 4-4 <server",
				"block_mapping_pair server.ports 5-7 <server",
				"block_mapping_pair server.tls 8-10 <server",
				"block_mapping_pair other 12-12 <-",
				"block_mapping_pair list 13-14 <-");
		assertThat(find(result, "server.tls").content()).isEqualTo("# Transport security.\n  tls:\n    cert: a.pem");
		assertThat(find(result, "server.ports").content()).isEqualTo("ports:\n    - 8001\n    - 8002");
	}

	@Test
	void yamlCommentAboveAKeyLeavesTheValueAboveIt() {
		// The grammar puts "# Database." inside server's nested mapping; the chunk of server ends at its last value
		// and the comment goes with db.
		FileChunks result = chunk("a.yml", "server:\n  tls:\n    cert: a\n\n# Database.\ndb:\n  a: 1\n");
		assertClean(result, "yaml");
		assertThat(outline(result)).containsExactly(
				"block_mapping_pair server 1-3 <-",
				"block_mapping_pair server.tls 2-3 <server",
				"block_mapping_pair db 5-7 <-",
				"block_mapping_pair db.a 7-7 <db");
		assertThat(find(result, "db").content()).isEqualTo("# Database.\ndb:\n  a: 1");
	}

	// ---------------------------------------------------------------------------------------------------------
	// markdown (sections nested by heading level, named by the heading)

	static final String MARKDOWN = """
		Text before any heading.

		# Title

		Intro text.

		## Install

		Run it.

		### From source

		Build it.

		## Usage

		Text.

		# Appendix
		""";

	@Test
	void markdown() {
		FileChunks result = chunk("docs/README.md", MARKDOWN);
		assertClean(result, "markdown");
		// Text before the first heading is a section without a name.
		assertThat(outline(result)).containsExactly(
				"section - 1-1 <-",
				"section Title 3-17 <-",
				"section Title.Install 7-13 <Title",
				"section Title.Install.From source 11-13 <Title.Install",
				"section Title.Usage 15-17 <Title",
				"section Appendix 19-19 <-");
		assertThat(find(result, "Title.Install.From source").content()).isEqualTo("### From source\n\nBuild it.");
		assertThat(find(result, "Title.Install.From source").name()).isEqualTo("From source");
	}

	@Test
	void markdownSetextHeadingNamesItsSection() {
		FileChunks result = chunk("NOTES.markdown", "Notes\n=====\n\nSome text.\n");
		assertClean(result, "markdown");
		assertThat(outline(result)).containsExactly("section Notes 1-4 <-");
	}

	// ---------------------------------------------------------------------------------------------------------
	// elm (doc comments are "{-| -}" blocks; a type annotation joins the declaration below it; no attributes)

	static final String ELM = """
		module Main exposing (main, greet)

		import Html exposing (text)

		{-| Greets someone.
		-}
		greet : String -> String
		greet name =
		    "hello " ++ name


		-- The messages.
		type Msg
		    = Increment
		    | Decrement


		type alias Model =
		    { count : Int }


		port sendOut : String -> Cmd msg


		main =
		    let
		        helper x =
		            x + 1
		    in
		    text (greet "x")
		""";

	@Test
	void elm() {
		FileChunks result = chunk("src/Main.elm", ELM);
		assertClean(result, "elm");
		// A declaration is named by the function, not by its parameters; the module and imports are no chunks.
		assertThat(outline(result)).containsExactly(
				"value_declaration greet 5-9 <-",
				"type_declaration Msg 12-15 <-",
				"type_alias_declaration Model 18-19 <-",
				"port_annotation sendOut 22-22 <-",
				"value_declaration main 25-30 <-",
				"value_declaration main.helper 27-28 <main");
		assertThat(find(result, "greet").content())
			.isEqualTo("{-| Greets someone.\n-}\ngreet : String -> String\ngreet name =\n    \"hello \" ++ name");
		assertThat(find(result, "Msg").content()).startsWith("-- The messages.\ntype Msg");
	}

	// ---------------------------------------------------------------------------------------------------------
	// r (roxygen doc comments are "#'" line comments; no decorators in the language)

	static final String R = """
		#' Adds two numbers.
		#' @param x a number
		add <- function(x, y) {
		  inner <- function(z) z + 1
		  inner(x) + y
		}

		square = function(x) x^2

		sapply(1:3, function(x) x)

		"cube" <- function(x) x^3

		obj$run <- function() {
		  mult <<- \\(a, b) a * b
		}

		total <- sum(1, 2)
		""";

	@Test
	void r() {
		FileChunks result = chunk("R/math.R", R);
		assertClean(result, "r");
		// An anonymous function passed as an argument and a plain assignment are no chunks; a quoted name keeps its
		// quotes, obj$run is named as written.
		assertThat(outline(result)).containsExactly(
				"binary_operator add 1-6 <-",
				"binary_operator add.inner 4-4 <add",
				"binary_operator square 8-8 <-",
				"binary_operator \"cube\" 12-12 <-",
				"binary_operator obj$run 14-16 <-",
				"binary_operator obj$run.mult 15-15 <obj$run");
		assertThat(find(result, "add").content()).startsWith("#' Adds two numbers.\n#' @param x a number\nadd <- ");
	}

	// ---------------------------------------------------------------------------------------------------------
	// powershell (comment-based help in "<# #>" blocks; attributes such as [CmdletBinding()] sit inside the body)

	static final String POWERSHELL = """
		<#
		.SYNOPSIS
		Greets someone.
		#>
		function Get-Greeting {
		    [CmdletBinding()]
		    param([string]$Name)
		    function Inner { 1 }
		    "hello $Name"
		}

		# Keeps even numbers.
		filter Only-Even { if ($_ % 2 -eq 0) { $_ } }

		class Greeter : Base {
		    [string]$Name
		    Greeter([string]$n) { $this.Name = $n }
		    [string] Greet() { return "hi" }
		    static [int] Twice([int]$x) { return $x * 2 }
		}

		enum Color { Red; Green }

		$sb = { param($x) $x }
		""";

	@Test
	void powershell() {
		FileChunks result = chunk("scripts/Greet.ps1", POWERSHELL);
		assertClean(result, "powershell");
		// A script block assigned to a variable is an expression, not a chunk; a constructor is a method named
		// after its class.
		assertThat(outline(result)).containsExactly(
				"function_statement Get-Greeting 1-10 <-",
				"function_statement Get-Greeting.Inner 8-8 <Get-Greeting",
				"function_statement Only-Even 12-13 <-",
				"class_statement Greeter 15-20 <-",
				"class_method_definition Greeter.Greeter 17-17 <Greeter",
				"class_method_definition Greeter.Greet 18-18 <Greeter",
				"class_method_definition Greeter.Twice 19-19 <Greeter",
				"enum_statement Color 22-22 <-");
		assertThat(find(result, "Get-Greeting").content()).startsWith("<#\n.SYNOPSIS\nGreets someone.\n#>\nfunction Get-Greeting {\n    [CmdletBinding()]")
			.endsWith("\"hello $Name\"\n}");
	}

	// ---------------------------------------------------------------------------------------------------------
	// zig (doc comments are "///" line comments; no attributes in the language)

	static final String ZIG = """
		const std = @import("std");

		/// A point.
		pub const Point = struct {
		    x: i32,
		    y: i32,

		    /// Adds two points.
		    pub fn add(self: Point, other: Point) Point {
		        return .{ .x = self.x + other.x, .y = self.y + other.y };
		    }
		};

		const Color = enum { red, green };

		const Value = union(enum) { int: i64, float: f64 };

		// Entry point.
		pub fn main() !void {
		    std.debug.print("{}\\n", .{1});
		}

		test "adds" {
		    try std.testing.expect(true);
		}

		extern fn puts(s: [*:0]const u8) c_int;
		""";

	@Test
	void zig() {
		FileChunks result = chunk("src/main.zig", ZIG);
		assertClean(result, "zig");
		// A container is a chunk as the declaration that names it; the import binding is not; a test is named by
		// its string.
		assertThat(outline(result)).containsExactly(
				"variable_declaration Point 3-12 <-",
				"function_declaration Point.add 8-11 <Point",
				"variable_declaration Color 14-14 <-",
				"variable_declaration Value 16-16 <-",
				"function_declaration main 18-21 <-",
				"test_declaration \"adds\" 23-25 <-",
				"function_declaration puts 27-27 <-");
		assertThat(find(result, "Point").content()).startsWith("/// A point.\npub const Point = struct {").endsWith("};");
		assertThat(find(result, "Point.add").content()).startsWith("/// Adds two points.\n    pub fn add(");
	}

	// ---------------------------------------------------------------------------------------------------------
	// swift (doc comments "///"; attributes such as @MainActor and @discardableResult are part of the declaration)

	static final String SWIFT = """
		import Foundation

		/// A greeter.
		@MainActor
		public class Greeter: Base, Api {
		    let name: String

		    init(name: String) { self.name = name }

		    deinit {}

		    /// Greets.
		    @discardableResult
		    func greet(_ who: String) -> String {
		        func inner() -> Int { 1 }
		        return "hello \\(who)"
		    }

		    var size: Int { name.count }

		    subscript(i: Int) -> Character { name.first! }

		    static func twice(_ x: Int) -> Int { x * 2 }
		}

		struct Point { var x = 0 }

		enum Color { case red, green }

		protocol Api {
		    func greet(_ who: String) -> String
		}

		extension String {
		    func shout() -> String { uppercased() }
		}

		actor Counter { var n = 0 }

		typealias Cb = (Int) -> Void

		func top(_ a: Int) -> Int { a + 1 }

		let closure = { (x: Int) in x * 2 }
		""";

	@Test
	void swift() {
		FileChunks result = chunk("Sources/App/Greeter.swift", SWIFT);
		assertClean(result, "swift");
		// struct, enum, extension and actor are class_declaration in this grammar; deinit has no name; a stored
		// property, a subscript and a closure bound to a constant are no chunks.
		assertThat(outline(result)).containsExactly(
				"class_declaration Greeter 3-24 <-",
				"init_declaration Greeter.init 8-8 <Greeter",
				"deinit_declaration - 10-10 <Greeter",
				"function_declaration Greeter.greet 12-17 <Greeter",
				"function_declaration Greeter.greet.inner 15-15 <Greeter.greet",
				"property_declaration Greeter.size 19-19 <Greeter",
				"function_declaration Greeter.twice 23-23 <Greeter",
				"class_declaration Point 26-26 <-",
				"class_declaration Color 28-28 <-",
				"protocol_declaration Api 30-32 <-",
				"protocol_function_declaration Api.greet 31-31 <Api",
				"class_declaration String 34-36 <-",
				"function_declaration String.shout 35-35 <String",
				"class_declaration Counter 38-38 <-",
				"typealias_declaration Cb 40-40 <-",
				"function_declaration top 42-42 <-");
		assertThat(find(result, "Greeter").content()).startsWith("/// A greeter.\n@MainActor\npublic class Greeter");
		assertThat(find(result, "Greeter.greet").content())
			.startsWith("/// Greets.\n    @discardableResult\n    func greet(_ who: String) -> String {")
			.endsWith("return \"hello \\(who)\"\n    }");
	}

	// ---------------------------------------------------------------------------------------------------------
	// haskell (Haddock "-- |" comments; a type signature joins the equation below it; pragmas are comments)

	static final String HASKELL = """
		{-# LANGUAGE OverloadedStrings #-}
		module Main (main, greet) where

		import Data.Text (Text)

		-- | Greets someone.
		greet :: String -> String
		greet name = "hello " ++ name
		  where
		    helper x = x + 1

		-- | A shape.
		data Shape = Circle Double | Square Double
		  deriving (Show)

		newtype Wrapper = Wrapper Int

		type Name = String

		class Describable a where
		  describe :: a -> String

		instance Describable Shape where
		  describe _ = "shape"

		area :: Shape -> Double
		area (Circle r) = pi * r * r
		area (Square s) = s * s

		main :: IO ()
		main = putStrLn (greet "x")
		""";

	@Test
	void haskell() {
		FileChunks result = chunk("app/Main.hs", HASKELL);
		assertClean(result, "haskell");
		// Each equation of area is a chunk, the signature goes with the first; the method signature inside the class
		// and the type-level arrow in a signature are no chunks.
		assertThat(outline(result)).containsExactly(
				"function greet 6-10 <-",
				"function greet.helper 10-10 <greet",
				"data_type Shape 12-14 <-",
				"newtype Wrapper 16-16 <-",
				"type_synomym Name 18-18 <-",
				"class Describable 20-21 <-",
				"instance Describable 23-24 <-",
				"function Describable.describe 24-24 <Describable",
				"function area 26-27 <-",
				"function area 28-28 <-",
				"bind main 30-31 <-");
		assertThat(find(result, "greet").content())
			.startsWith("-- | Greets someone.\ngreet :: String -> String\ngreet name = ").endsWith("helper x = x + 1");
	}

	// ---------------------------------------------------------------------------------------------------------
	// perl (POD blocks and "#" comments directly above a sub belong to it; attributes such as :lvalue are inside)

	static final String PERL = """
		#!/usr/bin/perl
		package My::Greeter;
		use strict;

		# Greets someone.
		sub greet {
		    my ($name) = @_;
		    return "hello $name";
		}

		=head2 new

		Makes one.

		=cut
		sub new { bless {}, shift }

		my $anon = sub { 1 };

		package Counter {
		    sub count :lvalue { my $n }
		}

		package main;

		sub main {
		    print My::Greeter::greet("x");
		}
		""";

	@Test
	void perl() {
		FileChunks result = chunk("lib/My/Greeter.pm", PERL);
		assertClean(result, "perl");
		// `package X;` only switches the namespace (no chunk, no qualified names); the block form is a chunk; an
		// anonymous sub bound to a variable is an expression.
		assertThat(outline(result)).containsExactly(
				"subroutine_declaration_statement greet 5-9 <-",
				"subroutine_declaration_statement new 11-16 <-",
				"package_statement Counter 20-22 <-",
				"subroutine_declaration_statement Counter.count 21-21 <Counter",
				"subroutine_declaration_statement main 26-28 <-");
		assertThat(find(result, "new").content()).isEqualTo("=head2 new\n\nMakes one.\n\n=cut\nsub new { bless {}, shift }");
	}

	@Test
	void perlByShebangAndTestExtension() {
		assertThat(chunk("bin/tool", "#!/usr/bin/env perl\nsub main { 1 }\n").language()).isEqualTo("perl");
		assertThat(chunk("t/basic.t", "sub check { 1 }\n").language()).isEqualTo("perl");
		assertThat(chunk("script.pl", "sub run { 1 }\n").language()).isEqualTo("perl");
	}

	// ---------------------------------------------------------------------------------------------------------
	// ocaml (odoc "(** *)" comments directly above; attributes [@@inline] are part of the definition)

	static final String OCAML = """
		(** Geometry helpers. *)

		(** Area of a circle. *)
		let area r =
		  let sq = r *. r in
		  3.14 *. sq

		let rec fact n = if n = 0 then 1 else n * fact (n - 1)
		and helper x = x

		type shape = Circle of float | Square of float

		module Shapes = struct
		  let perimeter = function
		    | Circle r -> 2. *. r
		    | Square s -> 4. *. s
		end

		module type S = sig
		  val f : int -> int
		end

		class counter = object
		  val mutable n = 0
		  method incr = n <- n + 1
		end

		exception Oops of string

		external length : string -> int = "caml_string_length"

		let () = print_endline "x"
		""";

	@Test
	void ocaml() {
		FileChunks result = chunk("lib/geometry.ml", OCAML);
		assertClean(result, "ocaml");
		// The local `let sq = ... in` is no chunk; `let rec ... and ...` is a chunk named by its first binding with
		// each `and` binding a child chunk;
		// `let () = ...` is named by its pattern.
		assertThat(outline(result)).containsExactly(
				"value_definition area 3-6 <-",
				"value_definition fact 8-9 <-",
				"let_binding fact.helper 9-9 <fact",
				"type_definition shape 11-11 <-",
				"module_definition Shapes 13-17 <-",
				"value_definition Shapes.perimeter 14-16 <Shapes",
				"module_type_definition S 19-21 <-",
				"class_definition counter 23-26 <-",
				"method_definition counter.incr 25-25 <counter",
				"exception_definition Oops 28-28 <-",
				"external length 30-30 <-",
				"value_definition () 32-32 <-");
		assertThat(find(result, "area").content())
			.isEqualTo("(** Area of a circle. *)\nlet area r =\n  let sq = r *. r in\n  3.14 *. sq");
	}

	// ---------------------------------------------------------------------------------------------------------
	// scala (Scaladoc "/** */" comments; annotations such as @deprecated are part of the definition)

	static final String SCALA = """
		package demo

		import scala.util.Try

		/** A greeter. */
		@deprecated("use Hello", "1.0")
		class Greeter(name: String) extends Base with Api {
		  /** Greets. */
		  override def greet(who: String): String = {
		    def inner(x: Int): Int = x + 1
		    s"hello $who"
		  }

		  val size: Int = name.length
		}

		object Greeter {
		  def apply(name: String): Greeter = new Greeter(name)
		}

		trait Api {
		  def greet(who: String): String
		}

		case class Point(x: Int, y: Int)

		enum Color {
		  case Red, Green
		}

		type Name = String

		def top(a: Int): Int = a + 1

		given ord: Ordering[Int] = Ordering.Int

		extension (s: String) def shout: String = s.toUpperCase
		""";

	@Test
	void scala() {
		FileChunks result = chunk("src/main/scala/demo/Greeter.scala", SCALA);
		assertClean(result, "scala");
		// A val is no chunk; the companion object and the class share a name; an extension has none.
		assertThat(outline(result)).containsExactly(
				"class_definition Greeter 5-15 <-",
				"function_definition Greeter.greet 8-12 <Greeter",
				"function_definition Greeter.greet.inner 10-10 <Greeter.greet",
				"object_definition Greeter 17-19 <-",
				"function_definition Greeter.apply 18-18 <Greeter",
				"trait_definition Api 21-23 <-",
				"function_declaration Api.greet 22-22 <Api",
				"class_definition Point 25-25 <-",
				"enum_definition Color 27-29 <-",
				"type_definition Name 31-31 <-",
				"function_definition top 33-33 <-",
				"given_definition ord 35-35 <-",
				"extension_definition - 37-37 <-",
				"function_definition shout 37-37 <extension_definition@37");
		assertThat(result.chunks().get(0).content())
			.startsWith("/** A greeter. */\n@deprecated(\"use Hello\", \"1.0\")\nclass Greeter(name: String)");
		assertThat(find(result, "Greeter.greet").content()).startsWith("/** Greets. */\n  override def greet(");
	}

	// ---------------------------------------------------------------------------------------------------------
	// where definitions end (all languages)

	@Test
	void aWrappedDefinitionEndsWithinItsParentWhenTrailingCommentsAreCut() {
		// The grammar keeps "# trailing" inside the decorated method; the class and the method both end at "1".
		FileChunks result = chunk("a.py", "class A:\n    @dec\n    def f(self):\n        return 1\n        # trailing\n\nx = 2\n");
		assertClean(result, "python");
		assertThat(outline(result)).containsExactly("class_definition A 1-4 <-", "function_definition A.f 2-4 <A");
	}
}
