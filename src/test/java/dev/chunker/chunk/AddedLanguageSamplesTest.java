package dev.chunker.chunk;

import java.nio.charset.StandardCharsets;

import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.chunker.chunk.LanguageSamplesTest.assertClean;
import static dev.chunker.chunk.LanguageSamplesTest.find;
import static dev.chunker.chunk.LanguageSamplesTest.outline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samples with exact expected chunks for the languages added after the first fourteen, kept apart from
 * {@link LanguageSamplesTest} so that file stays readable. Same conventions: node type, qualified name, lines, parent.
 */
class AddedLanguageSamplesTest {

	private static ChunkerRuntime runtime;

	@BeforeAll
	static void start() {
		runtime = ChunkerSettings.defaults().newChunkerRuntime();
	}

	@AfterAll
	static void stop() {
		runtime.close();
	}

	private static FileChunks chunk(String path, String source) {
		byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
		FileChunks result = runtime.chunker().chunk(bytes, path, null, null);
		ChunkInvariants.assertValid(bytes, result);
		return result;
	}

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
		// An anonymous function assigned to a local is an expression, not a declaration: no chunk.
		assertThat(outline(result)).containsExactly(
				"function_declaration M.greet 3-7 <-",
				"function_declaration M:size 9-15 <-",
				"function_declaration M:size.inner 11-13 <M:size",
				"function_declaration helper 17-19 <-",
				"function_declaration global_fn 21-23 <-");
		assertThat(find(result, "M.greet").content())
			.isEqualTo("--- Greets someone.\n-- @param name string\nfunction M.greet(name)\n  return \"hello \" .. name\nend");
	}

	@Test
	void luaByShebang() {
		FileChunks result = chunk("bin/tool", "#!/usr/bin/env lua\nfunction main()\n  print(1)\nend\n");
		assertClean(result, "lua");
		assertThat(outline(result)).containsExactly("function_declaration main 2-4 <-");
	}
}
