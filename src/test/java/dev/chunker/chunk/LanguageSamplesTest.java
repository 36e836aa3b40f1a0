package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One realistic sample per language with its exact expected chunks: node type, qualified name, lines and parent.
 * Each sample has a leading doc comment, a decorator or annotation where the language has them, nesting, and two
 * identical methods in two classes (which must get different ids).
 */
class LanguageSamplesTest extends SampleChunking {

	/** Each chunk as "node_type qualified_name start-end <parent", the parent by qualified name. */
	static List<String> outline(FileChunks result) {
		Map<String, CodeChunk> byId = result.chunks().stream()
			.collect(Collectors.toMap(CodeChunk::chunkId, Function.identity()));
		return result.chunks().stream().map((chunk) -> {
			CodeChunk parent = (chunk.parentChunkId() != null) ? byId.get(chunk.parentChunkId()) : null;
			String parentName = (parent == null) ? "-"
					: (parent.qualifiedName() != null) ? parent.qualifiedName() : parent.nodeType() + "@" + parent.startLine();
			return chunk.nodeType() + " " + ((chunk.qualifiedName() != null) ? chunk.qualifiedName() : "-") + " "
					+ chunk.startLine() + "-" + chunk.endLine() + " <" + parentName;
		}).toList();
	}

	static CodeChunk find(FileChunks result, String qualifiedName) {
		List<CodeChunk> found = result.chunks().stream().filter((c) -> qualifiedName.equals(c.qualifiedName())).toList();
		assertThat(found).as("chunks named %s", qualifiedName).hasSize(1);
		return found.get(0);
	}

	/** Two definitions with identical text in different places: same content hash, different ids. */
	static void assertTwins(CodeChunk first, CodeChunk second) {
		assertThat(first.content()).isEqualTo(second.content());
		assertThat(first.contentHash()).isEqualTo(second.contentHash());
		assertThat(first.definitionId()).isNotEqualTo(second.definitionId());
		assertThat(first.chunkId()).isNotEqualTo(second.chunkId());
	}

	static void assertTwins(FileChunks result, String first, String second) {
		assertTwins(find(result, first), find(result, second));
	}

	static void assertClean(FileChunks result, String language) {
		assertThat(result.language()).isEqualTo(language);
		assertThat(result.hasInvalidUtf8()).isFalse();
		assertThat(result.chunks()).allSatisfy((c) -> {
			assertThat(c.hasError()).as("has_error of %s", c.qualifiedName()).isFalse();
			assertThat(c.language()).isEqualTo(language);
			assertThat(c.partCount()).isEqualTo(1);
		});
	}

	// ---------------------------------------------------------------------------------------------------------
	// python

	static final String PYTHON = """
		\"""Greeting helpers.\"""
		import functools


		# Wraps a function and logs calls.
		def logged(fn):
		    @functools.wraps(fn)
		    def wrapper(*args):
		        return fn(*args)
		    return wrapper


		class Greeter:
		    # Says hello.
		    @logged
		    def hello(self, name):
		        key = lambda n: n.lower()
		        return "hi " + key(name)

		    class Inner:
		        def run(self):
		            pass

		    def size(self):
		        return 1


		class Other:
		    def size(self):
		        return 1
		""";

	@Test
	void python() {
		FileChunks result = chunk("pkg/greeter.py", PYTHON);
		assertClean(result, "python");
		// The lambda is no chunk; the decorated nested function and method take their decorators (and comment).
		assertThat(outline(result)).containsExactly(
				"function_definition logged 5-10 <-",
				"function_definition logged.wrapper 7-9 <logged",
				"class_definition Greeter 13-25 <-",
				"function_definition Greeter.hello 14-18 <Greeter",
				"class_definition Greeter.Inner 20-22 <Greeter",
				"function_definition Greeter.Inner.run 21-22 <Greeter.Inner",
				"function_definition Greeter.size 24-25 <Greeter",
				"class_definition Other 28-30 <-",
				"function_definition Other.size 29-30 <Other");
		assertThat(find(result, "logged").content()).startsWith("# Wraps a function and logs calls.\ndef logged(fn):");
		assertThat(find(result, "logged.wrapper").content()).startsWith("@functools.wraps(fn)\n    def wrapper");
		assertThat(find(result, "Greeter.hello").content())
			.startsWith("# Says hello.\n    @logged\n    def hello(self, name):")
			.endsWith("return \"hi \" + key(name)");
		assertThat(find(result, "Greeter").content()).startsWith("class Greeter:").endsWith("return 1");
		assertTwins(result, "Greeter.size", "Other.size");
	}

	// ---------------------------------------------------------------------------------------------------------
	// java

	static final String JAVA = """
		package demo;

		import java.util.List;

		/**
		 * A shape with a size.
		 */
		@Deprecated
		public class Shape {

		    // Renders the shape.
		    @Override
		    public String toString() {
		        return "shape";
		    }

		    public int size() {
		        return 1;
		    }

		    static class Inner {
		        Inner() {
		        }

		        void run() {
		        }
		    }
		}

		class Other {
		    public int size() {
		        return 1;
		    }
		}

		interface Named {
		    String name();
		}
		""";

	@Test
	void java() {
		FileChunks result = chunk("src/demo/Shape.java", JAVA);
		assertClean(result, "java");
		assertThat(outline(result)).containsExactly(
				"class_declaration Shape 5-28 <-",
				"method_declaration Shape.toString 11-15 <Shape",
				"method_declaration Shape.size 17-19 <Shape",
				"class_declaration Shape.Inner 21-27 <Shape",
				"constructor_declaration Shape.Inner.Inner 22-23 <Shape.Inner",
				"method_declaration Shape.Inner.run 25-26 <Shape.Inner",
				"class_declaration Other 30-34 <-",
				"method_declaration Other.size 31-33 <Other",
				"interface_declaration Named 36-38 <-",
				"method_declaration Named.name 37-37 <Named");
		assertThat(find(result, "Shape").content())
			.startsWith("/**\n * A shape with a size.\n */\n@Deprecated\npublic class Shape {").endsWith("}\n}");
		assertThat(find(result, "Shape.toString").content())
			.startsWith("// Renders the shape.\n    @Override\n    public String toString()");
		assertTwins(result, "Shape.size", "Other.size");
	}

	// ---------------------------------------------------------------------------------------------------------
	// javascript

	static final String JAVASCRIPT = """
		// Utilities for the app.
		import { log } from "./log.js";

		/**
		 * Adds two numbers.
		 */
		export function add(a, b) {
		  return a + b;
		}

		const double = (x) => x * 2;

		@sealed
		class Counter {
		  constructor() {
		    this.count = 0;
		  }

		  @bound
		  reset() {
		    this.count = 0;
		  }

		  size() {
		    return 1;
		  }
		}

		class Other {
		  size() {
		    return 1;
		  }
		}

		module.exports.helper = function () {
		  return [1, 2].map((n) => n + 1);
		};
		""";

	@Test
	void javascript() {
		FileChunks result = chunk("web/app.js", JAVASCRIPT);
		assertClean(result, "javascript");
		// The arrow function passed to map() is no chunk; the one bound to a const is.
		assertThat(outline(result)).containsExactly(
				"function_declaration add 4-9 <-",
				"lexical_declaration double 11-11 <-",
				"class_declaration Counter 13-27 <-",
				"method_definition Counter.constructor 15-17 <Counter",
				"method_definition Counter.reset 19-22 <Counter",
				"method_definition Counter.size 24-26 <Counter",
				"class_declaration Other 29-33 <-",
				"method_definition Other.size 30-32 <Other",
				"assignment_expression module.exports.helper 35-37 <-");
		assertThat(find(result, "add").content())
			.startsWith("/**\n * Adds two numbers.\n */\nexport function add(a, b) {");
		assertThat(find(result, "Counter").content()).startsWith("@sealed\nclass Counter {");
		assertThat(find(result, "Counter.reset").content()).startsWith("@bound\n  reset() {");
		assertThat(find(result, "module.exports.helper").content()).endsWith("n + 1);\n}");
		assertTwins(result, "Counter.size", "Other.size");
	}

	// ---------------------------------------------------------------------------------------------------------
	// typescript

	static final String TYPESCRIPT = """
		/** Something with an area. */
		export interface Shape {
		  area(): number;
		}

		type Id = string | number;

		enum Kind { Circle, Square }

		namespace Geometry {
		  export function origin(): number {
		    return 0;
		  }
		}

		@Component({ selector: "x" })
		export class Circle implements Shape {
		  constructor(private r: number) {}

		  area(): number {
		    return Math.PI * this.r * this.r;
		  }

		  size(): number {
		    return 1;
		  }
		}

		abstract class Base {
		  abstract kind(): Kind;

		  size(): number {
		    return 1;
		  }
		}

		export const make = (r: number): Circle => new Circle(r);
		""";

	@Test
	void typescript() {
		FileChunks result = chunk("src/shapes.ts", TYPESCRIPT);
		assertClean(result, "typescript");
		// area() in the interface is a method_signature: no chunk of its own.
		assertThat(outline(result)).containsExactly(
				"interface_declaration Shape 1-4 <-",
				"type_alias_declaration Id 6-6 <-",
				"enum_declaration Kind 8-8 <-",
				"internal_module Geometry 10-14 <-",
				"function_declaration Geometry.origin 11-13 <Geometry",
				"class_declaration Circle 16-27 <-",
				"method_definition Circle.constructor 18-18 <Circle",
				"method_definition Circle.area 20-22 <Circle",
				"method_definition Circle.size 24-26 <Circle",
				"abstract_class_declaration Base 29-35 <-",
				"abstract_method_signature Base.kind 30-30 <Base",
				"method_definition Base.size 32-34 <Base",
				"lexical_declaration make 37-37 <-");
		assertThat(find(result, "Shape").content()).startsWith("/** Something with an area. */\nexport interface Shape {");
		assertThat(find(result, "Circle").content())
			.startsWith("@Component({ selector: \"x\" })\nexport class Circle implements Shape {");
		assertTwins(result, "Circle.size", "Base.size");
	}

	// ---------------------------------------------------------------------------------------------------------
	// tsx

	static final String TSX = """
		import React from "react";

		// Props of the button.
		interface ButtonProps {
		  label: string;
		}

		/** A clickable button. */
		export function Button({ label }: ButtonProps) {
		  const onClick = () => console.log(label);
		  return <button onClick={onClick}>{label}</button>;
		}

		export const Icon = (props: { name: string }) => <i className={props.name} />;

		class Panel extends React.Component<ButtonProps> {
		  render() {
		    return <div>{this.props.label}</div>;
		  }

		  size() {
		    return 1;
		  }
		}

		class Card extends React.Component<ButtonProps> {
		  size() {
		    return 1;
		  }
		}
		""";

	@Test
	void tsx() {
		FileChunks result = chunk("ui/Button.tsx", TSX);
		assertClean(result, "tsx");
		assertThat(outline(result)).containsExactly(
				"interface_declaration ButtonProps 3-6 <-",
				"function_declaration Button 8-12 <-",
				"lexical_declaration Button.onClick 10-10 <Button",
				"lexical_declaration Icon 14-14 <-",
				"class_declaration Panel 16-24 <-",
				"method_definition Panel.render 17-19 <Panel",
				"method_definition Panel.size 21-23 <Panel",
				"class_declaration Card 26-30 <-",
				"method_definition Card.size 27-29 <Card");
		assertThat(find(result, "ButtonProps").content()).startsWith("// Props of the button.\ninterface ButtonProps {");
		assertThat(find(result, "Button").content())
			.startsWith("/** A clickable button. */\nexport function Button(")
			.endsWith("return <button onClick={onClick}>{label}</button>;\n}");
		assertTwins(result, "Panel.size", "Card.size");
	}

	// ---------------------------------------------------------------------------------------------------------
	// go

	static final String GO = """
		// Package shape has shapes.
		package shape

		import "fmt"

		// Circle is round.
		type Circle struct {
			R float64
		}

		// Area returns the area.
		func (c Circle) Area() float64 {
			helper := func() float64 { return c.R }
			return helper() * 3
		}

		type Square struct{}

		func (s Square) Size() int {
			return 1
		}

		func (c Circle) Size() int {
			return 1
		}

		func main() {
			fmt.Println(Circle{R: 1}.Area())
		}
		""";

	@Test
	void go() {
		FileChunks result = chunk("pkg/shape/shape.go", GO);
		assertClean(result, "go");
		// "type X struct" is one chunk (not type_declaration + type_spec); the func literal is none.
		assertThat(outline(result)).containsExactly(
				"type_declaration Circle 6-9 <-",
				"method_declaration Area 11-15 <-",
				"type_declaration Square 17-17 <-",
				"method_declaration Size 19-21 <-",
				"method_declaration Size 23-25 <-",
				"function_declaration main 27-29 <-");
		assertThat(result.chunks()).extracting(CodeChunk::nodeType).doesNotContain("type_spec", "func_literal");
		assertThat(result.chunks().get(0).content()).isEqualTo("// Circle is round.\ntype Circle struct {\n\tR float64\n}");
		List<CodeChunk> sizes = result.chunks().stream().filter((c) -> "Size".equals(c.name())).toList();
		assertThat(sizes).hasSize(2);
		assertThat(sizes.get(0).definitionId()).isNotEqualTo(sizes.get(1).definitionId());
	}

	// ---------------------------------------------------------------------------------------------------------
	// rust

	static final String RUST = """
		//! Shapes.

		/// A circle.
		#[derive(Debug, Clone)]
		pub struct Circle {
		    r: f64,
		}

		impl Circle {
		    /// Creates a circle.
		    pub fn new(r: f64) -> Self {
		        Circle { r }
		    }

		    fn size(&self) -> i32 {
		        1
		    }
		}

		pub struct Square;

		impl Square {
		    fn size(&self) -> i32 {
		        1
		    }
		}

		pub trait Area {
		    fn area(&self) -> f64;
		}

		mod inner {
		    pub fn helper() -> u8 {
		        0
		    }
		}

		macro_rules! square {
		    ($x:expr) => { $x * $x };
		}
		""";

	@Test
	void rust() {
		FileChunks result = chunk("src/shape.rs", RUST);
		assertClean(result, "rust");
		// The inner doc comment "//! Shapes." is separated by a blank line: it is not part of Circle.
		assertThat(outline(result)).containsExactly(
				"struct_item Circle 3-7 <-",
				"impl_item Circle 9-18 <-",
				"function_item Circle.new 10-13 <Circle",
				"function_item Circle.size 15-17 <Circle",
				"struct_item Square 20-20 <-",
				"impl_item Square 22-26 <-",
				"function_item Square.size 23-25 <Square",
				"trait_item Area 28-30 <-",
				"function_signature_item Area.area 29-29 <Area",
				"mod_item inner 32-36 <-",
				"function_item inner.helper 33-35 <inner",
				"macro_definition square 38-40 <-");
		assertThat(result.chunks().get(0).content()).startsWith("/// A circle.\n#[derive(Debug, Clone)]\npub struct Circle {");
		assertThat(find(result, "Circle.new").content()).startsWith("/// Creates a circle.\n    pub fn new(");
		assertTwins(result, "Circle.size", "Square.size");
	}

	// ---------------------------------------------------------------------------------------------------------
	// c

	static final String C = """
		#include <stdlib.h>

		/* A node of the list. */
		struct node {
		    int value;
		    struct node *next;
		};

		typedef struct {
		    int count;
		} stats_t;

		enum color { RED, GREEN };

		// Returns the length.
		static int length(const struct node *head) {
		    int n = 0;
		    for (; head; head = head->next) {
		        n++;
		    }
		    return n;
		}

		int *make(void) {
		    return malloc(sizeof(int));
		}

		#ifdef FAST
		int size(void) {
		    return 1;
		}
		#else
		int size(void) {
		    return 1;
		}
		#endif
		""";

	@Test
	void c() {
		FileChunks result = chunk("lib/list.c", C);
		assertClean(result, "c");
		// Struct declarations without a body (struct node *next) are no chunks; a typedef'd anonymous struct
		// takes the typedef's span and name.
		assertThat(outline(result)).containsExactly(
				"struct_specifier node 3-7 <-",
				"struct_specifier stats_t 9-11 <-",
				"enum_specifier color 13-13 <-",
				"function_definition length 15-22 <-",
				"function_definition make 24-26 <-",
				"function_definition size 29-31 <-",
				"function_definition size 33-35 <-");
		assertThat(result.chunks().get(0).content()).startsWith("/* A node of the list. */\nstruct node {");
		assertThat(result.chunks().get(1).content()).isEqualTo("typedef struct {\n    int count;\n} stats_t;");
		assertThat(find(result, "length").content()).startsWith("// Returns the length.\nstatic int length(");
		// The same function defined twice (in #ifdef branches) gets two ids.
		List<CodeChunk> sizes = result.chunks().stream().filter((c) -> "size".equals(c.name())).toList();
		assertThat(sizes).hasSize(2);
		assertTwins(sizes.get(0), sizes.get(1));
	}

	// ---------------------------------------------------------------------------------------------------------
	// cpp

	static final String CPP = """
		#pragma once
		#include <string>

		namespace geo {

		/// Base of all shapes.
		class Shape {
		public:
		    virtual ~Shape() = default;
		    virtual double area() const = 0;
		};

		template <typename T>
		struct Box {
		    T value;
		    int size() const {
		        return 1;
		    }
		};

		struct Tag {
		    int size() const {
		        return 1;
		    }
		};

		// Squares a value.
		template <typename T>
		T square(T x) {
		    return x * x;
		}

		namespace detail {
		inline int helper() { return 0; }
		}  // namespace detail

		}  // namespace geo

		int count() { return 0; }
		""";

	@Test
	void cpp() {
		FileChunks result = chunk("include/geo/shapes.hpp", CPP);
		assertClean(result, "cpp");
		// Namespaces, classes and templates are chunks; a template's span includes its template<> line.
		assertThat(outline(result)).containsExactly(
				"namespace_definition geo 4-37 <-",
				"class_specifier geo.Shape 6-11 <geo",
				"function_definition geo.Shape.~Shape 9-9 <geo.Shape",
				"struct_specifier geo.Box 13-19 <geo",
				"function_definition geo.Box.size 16-18 <geo.Box",
				"struct_specifier geo.Tag 21-25 <geo",
				"function_definition geo.Tag.size 22-24 <geo.Tag",
				"function_definition geo.square 27-31 <geo",
				"namespace_definition geo.detail 33-35 <geo",
				"function_definition geo.detail.helper 34-34 <geo.detail",
				"function_definition count 39-39 <-");
		assertThat(find(result, "geo.Shape").content()).startsWith("/// Base of all shapes.\nclass Shape {").endsWith("= 0;\n}");
		assertThat(find(result, "geo.Box").content()).startsWith("template <typename T>\nstruct Box {").endsWith("}\n};");
		assertThat(find(result, "geo.square").content())
			.isEqualTo("// Squares a value.\ntemplate <typename T>\nT square(T x) {\n    return x * x;\n}");
		assertTwins(result, "geo.Box.size", "geo.Tag.size");
	}

	// ---------------------------------------------------------------------------------------------------------
	// c_sharp

	static final String C_SHARP = """
		using System;

		namespace Demo.Services
		{
		    /// <summary>Greets people.</summary>
		    [Serializable]
		    public class Greeter
		    {
		        public string Name { get; set; }

		        public Greeter(string name)
		        {
		            Name = name;
		        }

		        public int Size()
		        {
		            return 1;
		        }

		        private class Inner
		        {
		            void Run() { }
		        }
		    }

		    public class Other
		    {
		        public int Size()
		        {
		            return 1;
		        }
		    }

		    public interface INamed { string Name { get; } }
		}
		""";

	@Test
	void cSharp() {
		FileChunks result = chunk("Services/Greeter.cs", C_SHARP);
		assertClean(result, "c_sharp");
		// A dotted namespace name is the whole dotted name.
		assertThat(outline(result)).containsExactly(
				"namespace_declaration Demo.Services 3-36 <-",
				"class_declaration Demo.Services.Greeter 5-25 <Demo.Services",
				"property_declaration Demo.Services.Greeter.Name 9-9 <Demo.Services.Greeter",
				"constructor_declaration Demo.Services.Greeter.Greeter 11-14 <Demo.Services.Greeter",
				"method_declaration Demo.Services.Greeter.Size 16-19 <Demo.Services.Greeter",
				"class_declaration Demo.Services.Greeter.Inner 21-24 <Demo.Services.Greeter",
				"method_declaration Demo.Services.Greeter.Inner.Run 23-23 <Demo.Services.Greeter.Inner",
				"class_declaration Demo.Services.Other 27-33 <Demo.Services",
				"method_declaration Demo.Services.Other.Size 29-32 <Demo.Services.Other",
				"interface_declaration Demo.Services.INamed 35-35 <Demo.Services",
				"property_declaration Demo.Services.INamed.Name 35-35 <Demo.Services.INamed");
		assertThat(find(result, "Demo.Services.Greeter").content())
			.startsWith("/// <summary>Greets people.</summary>\n    [Serializable]\n    public class Greeter");
		assertTwins(result, "Demo.Services.Greeter.Size", "Demo.Services.Other.Size");
	}

	// ---------------------------------------------------------------------------------------------------------
	// ruby

	static final String RUBY = """
		# frozen_string_literal: true

		# Greets people.
		module Greetings
		  class Greeter
		    attr_reader :name

		    def initialize(name)
		      @name = name
		    end

		    # Says hello.
		    def hello
		      "hi #{name}"
		    end

		    def size
		      1
		    end

		    class << self
		      def build
		        new("x")
		      end
		    end
		  end

		  class Other
		    def size
		      1
		    end
		  end

		  def self.version
		    "1.0"
		  end
		end
		""";

	@Test
	void ruby() {
		FileChunks result = chunk("lib/greeter.rb", RUBY);
		assertClean(result, "ruby");
		// "class << self" is an anonymous chunk; its methods keep the enclosing class's path.
		assertThat(outline(result)).containsExactly(
				"module Greetings 3-37 <-",
				"class Greetings.Greeter 5-26 <Greetings",
				"method Greetings.Greeter.initialize 8-10 <Greetings.Greeter",
				"method Greetings.Greeter.hello 12-15 <Greetings.Greeter",
				"method Greetings.Greeter.size 17-19 <Greetings.Greeter",
				"singleton_class - 21-25 <Greetings.Greeter",
				"method Greetings.Greeter.build 22-24 <singleton_class@21",
				"class Greetings.Other 28-32 <Greetings",
				"method Greetings.Other.size 29-31 <Greetings.Other",
				"singleton_method Greetings.version 34-36 <Greetings");
		assertThat(find(result, "Greetings").content()).startsWith("# Greets people.\nmodule Greetings");
		assertThat(find(result, "Greetings.Greeter.hello").content()).startsWith("# Says hello.\n    def hello");
		assertTwins(result, "Greetings.Greeter.size", "Greetings.Other.size");
	}

	// ---------------------------------------------------------------------------------------------------------
	// php

	static final String PHP = """
		<?php

		namespace App;

		use DateTime;

		/**
		 * Greets people.
		 */
		#[Attribute]
		class Greeter
		{
		    public function __construct(private string $name)
		    {
		    }

		    #[Pure]
		    public function hello(): string
		    {
		        return "hi " . $this->name;
		    }

		    public function size(): int
		    {
		        return 1;
		    }
		}

		class Other
		{
		    public function size(): int
		    {
		        return 1;
		    }
		}

		interface Named { public function name(): string; }

		function helper(): int { return 1; }
		""";

	@Test
	void php() {
		FileChunks result = chunk("src/Greeter.php", PHP);
		assertClean(result, "php");
		// "namespace App;" has no body: no chunk.
		assertThat(outline(result)).containsExactly(
				"class_declaration Greeter 7-27 <-",
				"method_declaration Greeter.__construct 13-15 <Greeter",
				"method_declaration Greeter.hello 17-21 <Greeter",
				"method_declaration Greeter.size 23-26 <Greeter",
				"class_declaration Other 29-35 <-",
				"method_declaration Other.size 31-34 <Other",
				"interface_declaration Named 37-37 <-",
				"method_declaration Named.name 37-37 <Named",
				"function_definition helper 39-39 <-");
		assertThat(find(result, "Greeter").content()).startsWith("/**\n * Greets people.\n */\n#[Attribute]\nclass Greeter");
		assertThat(find(result, "Greeter.hello").content()).startsWith("#[Pure]\n    public function hello()");
		assertTwins(result, "Greeter.size", "Other.size");
	}

	// ---------------------------------------------------------------------------------------------------------
	// kotlin

	static final String KOTLIN = """
		package demo

		import kotlin.math.PI

		/**
		 * A circle.
		 */
		@JvmInline
		value class Radius(val r: Double)

		class Circle(val r: Double) {
		    init {
		        require(r >= 0)
		    }

		    constructor() : this(1.0)

		    // The area.
		    @Deprecated("use area2")
		    fun area(): Double = PI * r * r

		    fun size(): Int {
		        return 1
		    }

		    companion object Factory {
		        fun unit() = Circle(1.0)
		    }
		}

		object Registry {
		    fun size(): Int {
		        return 1
		    }
		}

		fun main() {
		    val f = { x: Int -> x + 1 }
		    println(Circle().area() + f(1))
		}
		""";

	@Test
	void kotlin() {
		FileChunks result = chunk("src/main/kotlin/Shapes.kt", KOTLIN);
		assertClean(result, "kotlin");
		// init blocks and secondary constructors are anonymous chunks; the lambda in main is none.
		assertThat(outline(result)).containsExactly(
				"class_declaration Radius 5-9 <-",
				"class_declaration Circle 11-29 <-",
				"anonymous_initializer - 12-14 <Circle",
				"secondary_constructor - 16-16 <Circle",
				"function_declaration Circle.area 18-20 <Circle",
				"function_declaration Circle.size 22-24 <Circle",
				"companion_object Circle.Factory 26-28 <Circle",
				"function_declaration Circle.Factory.unit 27-27 <Circle.Factory",
				"object_declaration Registry 31-35 <-",
				"function_declaration Registry.size 32-34 <Registry",
				"function_declaration main 37-40 <-");
		assertThat(find(result, "Radius").content())
			.isEqualTo("/**\n * A circle.\n */\n@JvmInline\nvalue class Radius(val r: Double)");
		assertThat(find(result, "Circle.area").content())
			.isEqualTo("// The area.\n    @Deprecated(\"use area2\")\n    fun area(): Double = PI * r * r");
		assertTwins(result, "Circle.size", "Registry.size");
	}

	// ---------------------------------------------------------------------------------------------------------
	// bash

	static final String BASH = """
		#!/usr/bin/env bash
		# Deploys the app.
		set -euo pipefail

		# Prints a message.
		log() {
		  echo "[deploy] $*"
		}

		function build {
		  local target=$1
		  inner() {
		    echo "inner $target"
		  }
		  inner
		}

		cleanup() {
		  rm -rf "$TMP"
		}

		main() {
		  log "start"
		  build all
		  cleanup
		}

		main "$@"
		""";

	@Test
	void bash() {
		// No extension: the #! line decides.
		FileChunks result = chunk("bin/deploy", BASH);
		assertClean(result, "bash");
		assertThat(outline(result)).containsExactly(
				"function_definition log 5-8 <-",
				"function_definition build 10-16 <-",
				"function_definition build.inner 12-14 <build",
				"function_definition cleanup 18-20 <-",
				"function_definition main 22-26 <-");
		assertThat(find(result, "log").content()).startsWith("# Prints a message.\nlog() {");
		assertThat(find(result, "build").content()).startsWith("function build {");
	}

	// ---------------------------------------------------------------------------------------------------------
	// further constructs of c_sharp, kotlin, ruby, php, bash and cpp

	@Test
	void cSharpMembers() {
		String source = """
				namespace N;

				public record Point(int X, int Y);
				public record struct P2(int X);
				public struct Vec
				{
				    public static Vec operator +(Vec a, Vec b) { return a; }
				    public static implicit operator int(Vec v) { return 0; }
				    public int this[int i] { get { return i; } }
				    public event System.Action Changed { add { } remove { } }
				    ~Vec() { }
				    public delegate void D(int x);
				    void M() { int Local() { return 1; } }
				}
				public enum E { A, B }
				""";
		FileChunks result = chunk("N/Vec.cs", source);
		assertClean(result, "c_sharp");
		// Operators are named by their token, so two operators of one type keep stable, distinct ids;
		// indexers and conversion operators have no name.
		assertThat(outline(result)).containsExactly(
				"record_declaration Point 3-3 <-",
				"record_declaration P2 4-4 <-",
				"struct_declaration Vec 5-14 <-",
				"operator_declaration Vec.+ 7-7 <Vec",
				"conversion_operator_declaration - 8-8 <Vec",
				"indexer_declaration - 9-9 <Vec",
				"event_declaration Vec.Changed 10-10 <Vec",
				"destructor_declaration Vec.Vec 11-11 <Vec",
				"delegate_declaration Vec.D 12-12 <Vec",
				"method_declaration Vec.M 13-13 <Vec",
				"local_function_statement Vec.M.Local 13-13 <Vec.M",
				"enum_declaration E 15-15 <-");
	}

	@Test
	void kotlinAliasesAndCompanions() {
		String source = """
				interface Shape {
				    fun area(): Double
				}

				enum class Color { RED, GREEN }

				typealias Name = String

				fun String.shout(): String = uppercase()

				data class P(val x: Int) {
				    val double: Int
				        get() = x * 2
				}

				abstract class Base<T> : Shape

				class Outer {
				    typealias Inner = Int
				    companion object {
				        fun make() = Outer()
				    }
				}
				""";
		FileChunks result = chunk("Shapes.kt", source);
		assertClean(result, "kotlin");
		// Interfaces and enum classes are class_declaration; an unnamed companion object is an anonymous chunk
		// whose members keep the class's path.
		assertThat(outline(result)).containsExactly(
				"class_declaration Shape 1-3 <-",
				"function_declaration Shape.area 2-2 <Shape",
				"class_declaration Color 5-5 <-",
				"type_alias Name 7-7 <-",
				"function_declaration shout 9-9 <-",
				"class_declaration P 11-14 <-",
				"class_declaration Base 16-16 <-",
				"class_declaration Outer 18-23 <-",
				"type_alias Outer.Inner 19-19 <Outer",
				"companion_object - 20-22 <Outer",
				"function_declaration Outer.make 21-21 <companion_object@20");
	}

	@Test
	void rubyScopedNamesAndOperators() {
		String source = """
				class A::B < Base
				  def ==(other)
				    true
				  end

				  def self.[](x)
				    x
				  end

				  define_method(:foo) { 1 }
				  private def bar; end
				end
				""";
		FileChunks result = chunk("lib/a/b.rb", source);
		assertClean(result, "ruby");
		// "class A::B" is named A::B, not B; define_method blocks are no chunks.
		assertThat(outline(result)).containsExactly(
				"class A::B 1-12 <-",
				"method A::B.== 2-4 <A::B",
				"singleton_method A::B.[] 6-8 <A::B",
				"method A::B.bar 11-11 <A::B");
	}

	@Test
	void phpNamespaceBlocksTraitsAndEnums() {
		String source = """
				<?php
				namespace App\\Models {
				    trait T { public function t() {} }
				    enum Suit: string { case H = 'h'; public function label(): string { return 'x'; } }
				    abstract class A { abstract public function f(); }
				    $f = function () { return 1; };
				    $g = fn($x) => $x;
				}
				""";
		FileChunks result = chunk("src/Models.php", source);
		assertClean(result, "php");
		// Closures and arrow functions are no chunks.
		assertThat(outline(result)).containsExactly(
				"namespace_definition App\\Models 2-8 <-",
				"trait_declaration App\\Models.T 3-3 <App\\Models",
				"method_declaration App\\Models.T.t 3-3 <App\\Models.T",
				"enum_declaration App\\Models.Suit 4-4 <App\\Models",
				"method_declaration App\\Models.Suit.label 4-4 <App\\Models.Suit",
				"class_declaration App\\Models.A 5-5 <App\\Models",
				"method_declaration App\\Models.A.f 5-5 <App\\Models.A");
	}

	@Test
	void bashFunctionForms() {
		String source = """
				function a() {
				  :
				}
				b() (
				  :
				)
				function c {
				  :
				}
				""";
		FileChunks result = chunk("lib/funcs.sh", source);
		assertClean(result, "bash");
		assertThat(outline(result)).containsExactly("function_definition a 1-3 <-", "function_definition b 4-6 <-",
				"function_definition c 7-9 <-");
	}

	@Test
	void cppOutOfClassDefinitionsAndNestedNamespaces() {
		String source = """
				extern "C" {
				int c_api(void) { return 0; }
				}
				struct Foo { void bar(); bool operator==(const Foo&) const; };
				void Foo::bar() {}
				bool Foo::operator==(const Foo&) const { return true; }
				template <>
				struct Box<int> { int v; };
				enum class Color : int { Red };
				namespace a::b { void f() {} }
				auto lambda = [](int x) { return x; };
				template <typename T>
				concept Small = sizeof(T) < 8;
				union U { int i; float f; };
				""";
		FileChunks result = chunk("src/foo.cpp", source);
		assertClean(result, "cpp");
		// Declarations without a body are no chunks, nor are lambdas; a template specialization keeps the
		// template's name; a concept takes its template<> line.
		assertThat(outline(result)).containsExactly(
				"function_definition c_api 2-2 <-",
				"struct_specifier Foo 4-4 <-",
				"function_definition Foo::bar 5-5 <-",
				"function_definition Foo::operator== 6-6 <-",
				"struct_specifier Box 7-8 <-",
				"enum_specifier Color 9-9 <-",
				"namespace_definition a::b 10-10 <-",
				"function_definition a::b.f 10-10 <a::b",
				"concept_definition Small 12-13 <-",
				"union_specifier U 14-14 <-");
	}

	// ---------------------------------------------------------------------------------------------------------
	// detection

	@Test
	void headerIsCOrCppByContent() {
		assertThat(chunk("include/list.h", C).language()).isEqualTo("c");
		assertThat(chunk("include/shapes.h", CPP).language()).isEqualTo("cpp");
		String cppClass = "#pragma once\n\nclass Widget {\npublic:\n    int size() const { return 1; }\n};\n";
		FileChunks widget = chunk("include/widget.h", cppClass);
		assertThat(widget.language()).isEqualTo("cpp");
		assertThat(outline(widget)).containsExactly("class_specifier Widget 3-6 <-", "function_definition Widget.size 5-5 <Widget");
		// An explicit language wins over detection.
		assertThat(runtime.chunker().chunk(C.getBytes(StandardCharsets.UTF_8), "include/list.h", "cpp", null).language())
			.isEqualTo("cpp");
	}

	@Test
	void extensionlessScriptsByShebang() {
		String python = "#!/usr/bin/env python3\n\ndef main():\n    return 0\n";
		assertThat(chunk("scripts/tool", python).language()).isEqualTo("python");
		assertThat(outline(chunk("scripts/tool", python))).containsExactly("function_definition main 3-4 <-");
		assertThat(chunk("scripts/versioned", python.replace("/usr/bin/env python3", "/usr/bin/python3.11")).language())
			.isEqualTo("python");
		assertThat(chunk("scripts/env-s", "#!/usr/bin/env -S ruby -w\ndef x\n  1\nend\n").language()).isEqualTo("ruby");
		assertThat(chunk("scripts/sh", "#!/bin/sh\nf() {\n  :\n}\n").language()).isEqualTo("bash");
		assertThat(chunk("scripts/node", "#!/usr/bin/env node\nfunction f() {}\n").language()).isEqualTo("javascript");
		// Names decide before content: a .py file with a bash #! line is Python.
		assertThat(chunk("scripts/odd.py", "#!/bin/bash\ndef f():\n    pass\n").language()).isEqualTo("python");
		assertThat(chunk("scripts/perl", "#!/usr/bin/perl\nsub f { 1 }\n").language()).isEqualTo("perl");
		assertThatThrownBy(() -> chunk("scripts/tcl", "#!/usr/bin/tclsh\nputs 1\n")).isInstanceOfSatisfying(
				ChunkingException.class, (ex) -> assertThat(ex.reason()).isEqualTo(ChunkingException.Reason.UNSUPPORTED_LANGUAGE));
		assertThatThrownBy(() -> chunk("scripts/plain", "no shebang here\n")).isInstanceOfSatisfying(
				ChunkingException.class, (ex) -> assertThat(ex.reason()).isEqualTo(ChunkingException.Reason.UNSUPPORTED_LANGUAGE));
		assertThatThrownBy(() -> chunk("notes.txt", "def f():\n    pass\n")).isInstanceOfSatisfying(
				ChunkingException.class, (ex) -> assertThat(ex.reason()).isEqualTo(ChunkingException.Reason.UNSUPPORTED_LANGUAGE));
	}

	@Test
	void onlyFunctionValuedBindingsAreChunks() {
		// The raw patterns require a function (or class) value: plain variables, properties and assignments are not
		// definitions (obj is no chunk, so its function-valued properties hang off the file).
		String source = """
				let y = 2;
				var x = 1;
				const z = () => 3;
				const K = class {};
				const obj = { m: function () {}, n: 1, o: () => 0 };
				a.b = () => 1;
				a.c = 5;
				""";
		List<String> expected = List.of("lexical_declaration z 3-3 <-", "lexical_declaration K 4-4 <-",
				"pair m 5-5 <-", "pair o 5-5 <-", "assignment_expression a.b 6-6 <-");
		assertThat(outline(chunk("vars.js", source))).containsExactlyElementsOf(expected);
		assertThat(outline(chunk("vars.ts", source))).containsExactlyElementsOf(expected);
		assertThat(outline(chunk("vars.tsx", source))).containsExactlyElementsOf(expected);
	}

	@Test
	void commentsAttachOnlyWithoutBlankLine() {
		String source = "# detached\n\n# first\n# second\ndef f():\n    pass\n\nx = 1  # trailing\ndef g():\n    pass\n";
		FileChunks result = chunk("m.py", source);
		assertThat(outline(result)).containsExactly("function_definition f 3-6 <-", "function_definition g 9-10 <-");
		assertThat(result.chunks().get(0).content()).startsWith("# first\n# second\ndef f():");
		// A comment at the end of a code line is not a leading comment.
		assertThat(result.chunks().get(1).content()).startsWith("def g():");
	}

}
