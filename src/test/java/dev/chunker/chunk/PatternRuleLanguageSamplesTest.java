package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static dev.chunker.chunk.LanguageSamplesTest.assertClean;
import static dev.chunker.chunk.LanguageSamplesTest.find;
import static dev.chunker.chunk.LanguageSamplesTest.outline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samples with exact expected chunks for the languages whose rules lean on raw patterns with {@code @name},
 * {@code @kind} and text predicates (Elixir, Julia) or on a content rule (Objective-C). Same conventions as
 * {@link LanguageSamplesTest}: node type (or the {@code @kind} text), qualified name, lines, parent.
 */
class PatternRuleLanguageSamplesTest extends SampleChunking {

	// ---------------------------------------------------------------------------------------------------------
	// elixir

	static final String ELIXIR = """
		defmodule Geometry.Shapes do
		  @moduledoc "Shapes."
		  alias Geometry.Point

		  @doc \"""
		  Area of a circle.
		  \"""
		  @spec area(number) :: number
		  def area(r) when r > 0, do: 3.14 * r * r

		  # private helper
		  defp square(x) do
		    x * x
		  end

		  defmacro twice(expr), do: quote(do: unquote(expr) * 2)

		  defstruct [:x, :y]
		  def a + b, do: a
		  defguard is_even(n) when rem(n, 2) == 0
		  defdelegate size(list), to: Enum, as: :count
		  def name, do: @name
		  IO.puts("loaded")

		  defprotocol Sizeable do
		    def size(data)
		  end
		end

		defimpl Sizeable, for: List do
		  def size(l), do: length(l)
		end

		defmodule ShapesTest do
		  use ExUnit.Case

		  describe "area" do
		    test "of a unit circle" do
		      assert Geometry.Shapes.area(1) > 3
		    end
		  end
		end
		""";

	@Test
	void elixir() {
		FileChunks result = chunk("lib/geometry/shapes.ex", ELIXIR);
		assertClean(result, "elixir");
		// Every definition is a call: chosen by its target's text, typed by it (def, defp, defmodule ...), named by
		// the head's function, the module alias or a test's string. `defstruct`, `alias` and `IO.puts` are no
		// chunks; module attributes directly above a definition (@doc, @spec) belong to it.
		assertThat(outline(result)).containsExactly(
				"defmodule Geometry.Shapes 1-28 <-",
				"def Geometry.Shapes.area 5-9 <Geometry.Shapes",
				"defp Geometry.Shapes.square 11-14 <Geometry.Shapes",
				"defmacro Geometry.Shapes.twice 16-16 <Geometry.Shapes",
				"def Geometry.Shapes.+ 19-19 <Geometry.Shapes",
				"defguard Geometry.Shapes.is_even 20-20 <Geometry.Shapes",
				"defdelegate Geometry.Shapes.size 21-21 <Geometry.Shapes",
				"def Geometry.Shapes.name 22-22 <Geometry.Shapes",
				"defprotocol Geometry.Shapes.Sizeable 25-27 <Geometry.Shapes",
				"def Geometry.Shapes.Sizeable.size 26-26 <Geometry.Shapes.Sizeable",
				"defimpl Sizeable 30-32 <-",
				"def Sizeable.size 31-31 <Sizeable",
				"defmodule ShapesTest 34-42 <-",
				"describe ShapesTest.\"area\" 37-41 <ShapesTest",
				"test ShapesTest.\"area\".\"of a unit circle\" 38-40 <ShapesTest.\"area\"");
		assertThat(find(result, "Geometry.Shapes.area").content()).startsWith("@doc \"\"\"").contains("@spec area")
			.endsWith("3.14 * r * r");
		// A definition ending in a module attribute keeps it: attributes are no comments where a chunk ends.
		assertThat(find(result, "Geometry.Shapes.name").content()).isEqualTo("def name, do: @name");
		assertThat(find(result, "Geometry.Shapes.square").content()).startsWith("# private helper");
	}

	@Test
	void elixirPredicatesHoldInAFileParsedInSlices() {
		// Above the size where a parse can be cancelled, the tree keeps no text and the query engine would let
		// every call through its predicates; they are checked on the source text instead.
		StringBuilder big = new StringBuilder();
		int modules = 0;
		while (big.length() <= FileChunker.CANCELLABLE_PARSE_BYTES) {
			big.append("defmodule M").append(modules).append(" do\n  IO.puts(\"m\")\n  def f(x), do: g(x)\n  alias A.B\nend\n\n");
			modules++;
		}
		FileChunks result = chunk("lib/big.ex", big.toString());
		assertThat(result.chunks()).hasSize(2 * modules);
		assertThat(result.chunks()).extracting(CodeChunk::nodeType).containsOnly("defmodule", "def");
		assertThat(result.chunks()).filteredOn((c) -> c.nodeType().equals("def"))
			.extracting(CodeChunk::name).containsOnly("f");
	}

	// ---------------------------------------------------------------------------------------------------------
	// julia

	static final String JULIA = """
		module Geometry

		export area

		\"""
		    area(c)

		Area of a shape.
		\"""
		function area(c::Circle)
		    return pi * c.r^2
		end

		# short form
		perimeter(c::Circle) = 2pi * c.r

		function Base.show(io::IO, c::Circle)
		    print(io, "Circle")
		end

		abstract type Shape end

		struct Circle <: Shape
		    r::Float64
		end

		mutable struct Box{T}
		    w::T
		end

		macro twice(ex)
		    :($ex; $ex)
		end

		const K = 1
		f(x)::Int = x
		function g(x::T) where {T}
		    label(y) = "g"
		    x
		end
		end
		""";

	@Test
	void julia() {
		FileChunks result = chunk("src/Geometry.jl", JULIA);
		assertClean(result, "julia");
		// Functions are named by their signature's callee (Base.show as written), also the short form and behind
		// `where` or a return type; types by the identifier of their head; a docstring directly above belongs
		// to its definition; `const K` and `export` are no chunks.
		assertThat(outline(result)).containsExactly(
				"module_definition Geometry 1-41 <-",
				"function_definition Geometry.area 5-12 <Geometry",
				"assignment Geometry.perimeter 14-15 <Geometry",
				"function_definition Geometry.Base.show 17-19 <Geometry",
				"abstract_definition Geometry.Shape 21-21 <Geometry",
				"struct_definition Geometry.Circle 23-25 <Geometry",
				"struct_definition Geometry.Box 27-29 <Geometry",
				"macro_definition Geometry.twice 31-33 <Geometry",
				"assignment Geometry.f 36-36 <Geometry",
				"function_definition Geometry.g 37-40 <Geometry",
				"assignment Geometry.g.label 38-38 <Geometry.g");
		assertThat(find(result, "Geometry.area").content()).startsWith("\"\"\"\n    area(c)").endsWith("end");
		// A definition ending in a string keeps it: docstrings are no comments where a chunk ends.
		assertThat(find(result, "Geometry.g.label").content()).isEqualTo("label(y) = \"g\"");
	}

	// ---------------------------------------------------------------------------------------------------------
	// objc

	static final String OBJC = """
		#import <Foundation/Foundation.h>

		/// A shape.
		@interface Shape : NSObject <NSCopying>
		@property (nonatomic) double width;
		- (double)area;
		+ (instancetype)shapeWithWidth:(double)w height:(double)h;
		@end

		@protocol Drawable
		- (void)draw;
		@end

		@implementation Shape
		// Area.
		- (double)area {
		    return self.width * 2;
		}
		+ (instancetype)shapeWithWidth:(double)w height:(double)h {
		    return nil;
		}
		@end

		static int helper(int x) {
		    return x + 1;
		}

		typedef struct { int a; } Pair;
		enum Color { Red, Green };
		""";

	@Test
	void objc() {
		FileChunks result = chunk("Sources/Shape.m", OBJC);
		assertClean(result, "objc");
		// Interfaces, protocols and implementations hold their methods (named by the selector's first part);
		// properties are no chunks; C functions, structs and enums as in C.
		assertThat(outline(result)).containsExactly(
				"class_interface Shape 3-8 <-",
				"method_declaration Shape.area 6-6 <Shape",
				"method_declaration Shape.shapeWithWidth 7-7 <Shape",
				"protocol_declaration Drawable 10-12 <-",
				"method_declaration Drawable.draw 11-11 <Drawable",
				"class_implementation Shape 14-22 <-",
				"method_definition Shape.area 15-18 <Shape",
				"method_definition Shape.shapeWithWidth 19-21 <Shape",
				"function_definition helper 24-26 <-",
				"struct_specifier Pair 28-28 <-",
				"enum_specifier Color 29-29 <-");
		assertThat(result.chunks().get(0).content()).startsWith("/// A shape.");
	}

	@Test
	void objcClaimsDotMAndDotHOnlyByContent() {
		LanguageDetector detector = new LanguageDetector(ChunkRules.defaults());
		byte[] matlab = "function y = square(x)\n  y = x .^ 2;\nend\n".getBytes(StandardCharsets.UTF_8);
		byte[] mumps = "HELLO ; greet\n  WRITE \"Hello\",!\n  QUIT\n".getBytes(StandardCharsets.UTF_8);
		byte[] header = "#import <Foundation/Foundation.h>\n@interface Shape : NSObject\n@end\n".getBytes(StandardCharsets.UTF_8);
		byte[] cHeader = "#include <stdio.h>\nint area(int r);\n".getBytes(StandardCharsets.UTF_8);
		byte[] cppHeader = "namespace geo {\nclass Shape {\npublic:\n};\n}\n".getBytes(StandardCharsets.UTF_8);
		assertThat(detector.needsContent("Shape.m")).isTrue();
		assertThat(detector.detect("Shape.m", OBJC.getBytes(StandardCharsets.UTF_8))).isEqualTo("objc");
		assertThat(detector.detect("square.m", matlab)).as("MATLAB is not indexed").isNull();
		assertThat(detector.detect("hello.m", mumps)).as("MUMPS is not indexed").isNull();
		assertThat(detector.detect("Shape.h", header)).isEqualTo("objc");
		assertThat(detector.detect("area.h", cHeader)).isEqualTo("c");
		assertThat(detector.detect("shape.h", cppHeader)).isEqualTo("cpp");
	}

	// ---------------------------------------------------------------------------------------------------------
	// dart

	static final String DART = """
		import 'dart:math';

		/// A shape.
		abstract class Shape {
		  double get area;
		  void describe() => print('area $area');
		}

		@immutable
		class Circle extends Shape with Named {
		  final double r;
		  const Circle(this.r);
		  factory Circle.unit() => const Circle(1);

		  /// Area of the circle.
		  @override
		  double get area => pi * r * r;

		  set radius(double v) {}

		  static Circle parse(String s) {
		    return Circle(double.parse(s));
		  }
		}

		mixin Named {
		  String get name => 'shape';
		}

		enum Color { red, green }

		extension Twice on int {
		  int twice() => this * 2;
		}

		typedef Mapper = int Function(int);

		int add(int a, int b) {
		  int local(int x) => x;
		  return local(a) + b;
		}

		void main() => print(add(1, 2));
		""";

	@Test
	void dart() {
		FileChunks result = chunk("lib/shapes.dart", DART);
		assertClean(result, "dart");
		// Methods are named through the signature variant they have (function, getter, setter, factory: by its
		// class); an abstract getter (`double get area;`) and fields are no chunks; an annotation that is a sibling
		// of its member (`@override`) and the `///` comment above belong to it; local functions are children.
		assertThat(outline(result)).containsExactly(
				"class_definition Shape 3-7 <-",
				"method_declaration Shape.describe 6-6 <Shape",
				"class_definition Circle 9-24 <-",
				"method_declaration Circle.Circle 13-13 <Circle",
				"method_declaration Circle.area 15-17 <Circle",
				"method_declaration Circle.radius 19-19 <Circle",
				"method_declaration Circle.parse 21-23 <Circle",
				"mixin_declaration Named 26-28 <-",
				"method_declaration Named.name 27-27 <Named",
				"enum_declaration Color 30-30 <-",
				"extension_declaration Twice 32-34 <-",
				"method_declaration Twice.twice 33-33 <Twice",
				"function_declaration add 38-41 <-",
				"local_function_declaration add.local 39-39 <add",
				"function_declaration main 43-43 <-");
		assertThat(find(result, "Circle.area").content()).startsWith("/// Area of the circle.\n  @override");
		assertThat(find(result, "Circle").content()).startsWith("@immutable");
	}

}
