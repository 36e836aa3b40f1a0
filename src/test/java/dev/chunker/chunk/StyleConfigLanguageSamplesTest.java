package dev.chunker.chunk;


import org.junit.jupiter.api.Test;

import static dev.chunker.chunk.LanguageSamplesTest.assertClean;
import static dev.chunker.chunk.LanguageSamplesTest.find;
import static dev.chunker.chunk.LanguageSamplesTest.outline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samples with exact expected chunks for CSS, HCL (Terraform), Make and OCaml interfaces ({@code .mli}), kept apart
 * from {@link AddedLanguageSamplesTest} so each file stays readable. Same conventions: node type, qualified name,
 * lines, parent.
 */
class StyleConfigLanguageSamplesTest extends SampleChunking {

	// ---------------------------------------------------------------------------------------------------------
	// css

	static final String CSS = """
		/* Base button. */
		.btn, .btn-primary {
		  color: red;
		}

		@media (max-width: 600px) {
		  .btn {
		    width: 100%;
		  }
		}

		@keyframes spin {
		  from { transform: rotate(0deg); }
		  to { transform: rotate(360deg); }
		}

		#main > p:hover {
		  margin: 0;
		}
		""";

	@Test
	void css() {
		FileChunks result = chunk("web/site.css", CSS);
		assertClean(result, "css");
		// A rule set is named by its selector list, @media by its query, @keyframes by its name; the comment
		// directly above a rule set belongs to it.
		assertThat(outline(result)).containsExactly(
				"rule_set .btn, .btn-primary 1-4 <-",
				"media_statement (max-width: 600px) 6-10 <-",
				"rule_set (max-width: 600px)..btn 7-9 <(max-width: 600px)",
				"keyframes_statement spin 12-15 <-",
				"rule_set #main > p:hover 17-19 <-");
		assertThat(find(result, ".btn, .btn-primary").content()).startsWith("/* Base button. */");
	}

	// ---------------------------------------------------------------------------------------------------------
	// hcl (Terraform)

	static final String HCL = """
		terraform {
		  required_version = ">= 1.5"
		}

		# The web server.
		resource "aws_instance" "web" {
		  ami           = var.ami
		  instance_type = "t3.micro"

		  ebs_block_device {
		    volume_size = 20
		  }
		}

		variable "region" {
		  default = "eu-west-1"
		}

		locals {
		  name = "demo"
		}
		""";

	@Test
	void hcl() {
		FileChunks result = chunk("infra/main.tf", HCL);
		assertClean(result, "hcl");
		// Every block is a chunk named by its block type (the labels are on its first line); nested blocks are
		// children; attributes stay in their block.
		assertThat(outline(result)).containsExactly(
				"block terraform 1-3 <-",
				"block resource 5-13 <-",
				"block resource.ebs_block_device 10-12 <resource",
				"block variable 15-17 <-",
				"block locals 19-21 <-");
		assertThat(find(result, "resource").content()).startsWith("# The web server.\nresource \"aws_instance\" \"web\"");
	}

	// ---------------------------------------------------------------------------------------------------------
	// make

	static final String MAKE = """
		CC = gcc

		# Build everything.
		all: app lib

		app: main.o util.o
			$(CC) -o $@ $^

		%.o: %.c
			$(CC) -c $<

		define greet
			@echo hello $(1)
		endef

		.PHONY: clean
		clean:
			rm -f *.o app
		""";

	@Test
	void make() {
		FileChunks result = chunk("Makefile", MAKE);
		assertClean(result, "make");
		// Rules are named by their targets (pattern rules too), a define by its variable; variable assignments
		// stay in the file's remainder. The comment directly above `all` belongs to it.
		assertThat(outline(result)).containsExactly(
				"rule all 3-4 <-",
				"rule app 6-7 <-",
				"rule %.o 9-10 <-",
				"define_directive greet 12-14 <-",
				"rule .PHONY 16-16 <-",
				"rule clean 17-18 <-");
		assertThat(find(result, "app").content()).isEqualTo("app: main.o util.o\n\t$(CC) -o $@ $^");
	}

	// ---------------------------------------------------------------------------------------------------------
	// ocaml interface (.mli)

	static final String OCAML_INTERFACE = """
		(** Shapes. *)

		type shape = Circle of float | Square of float

		(** The area of a shape. *)
		val area : shape -> float

		exception Invalid of string

		module Util : sig
		  val clamp : float -> float
		end

		module type S = sig
		  type t
		  val make : unit -> t
		end

		external length : string -> int = "caml_length"

		class counter : object
		  method incr : unit
		end
		""";

	@Test
	void ocamlInterface() {
		FileChunks result = chunk("lib/shapes.mli", OCAML_INTERFACE);
		assertClean(result, "ocaml_interface");
		// The file comment is separated by a blank line and stays out; the doc comment above `val area` joins it.
		assertThat(outline(result)).containsExactly(
				"type_definition shape 3-3 <-",
				"value_specification area 5-6 <-",
				"exception_definition Invalid 8-8 <-",
				"module_definition Util 10-12 <-",
				"value_specification Util.clamp 11-11 <Util",
				"module_type_definition S 14-17 <-",
				"type_definition S.t 15-15 <S",
				"value_specification S.make 16-16 <S",
				"external length 19-19 <-",
				"class_definition counter 21-23 <-",
				"method_specification counter.incr 22-22 <counter");
	}

}
