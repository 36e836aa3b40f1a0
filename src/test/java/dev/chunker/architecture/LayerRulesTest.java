package dev.chunker.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of {@code docs/architecture.md}, checked on the production classes: a dependency that crosses a layer
 * the wrong way fails the build.
 */
class LayerRulesTest {

	private static JavaClasses production;

	@BeforeAll
	static void importProductionClasses() {
		production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.chunker");
	}

	@Test
	void treesitterDependsOnNothingOfOurs() {
		onlyOwnDependencies("treesitter").check(production);
	}

	@Test
	void chunkDependsOnTreesitterOnly() {
		onlyOwnDependencies("chunk", "treesitter").check(production);
	}

	@Test
	void packDependsOnChunkOnly() {
		onlyOwnDependencies("pack", "chunk", "treesitter").check(production);
	}

	@Test
	void scanDependsOnChunkOnly() {
		onlyOwnDependencies("scan", "chunk", "treesitter").check(production);
	}

	@Test
	void storeDependsOnTheCoreOnly() {
		onlyOwnDependencies("store", "chunk", "pack", "treesitter").check(production);
	}

	@Test
	void settingsDependsOnTheCoreOnly() {
		onlyOwnDependencies("settings", "chunk", "pack", "treesitter").check(production);
	}

	@Test
	void queryDependsOnTheCoreStoreAndSettingsOnly() {
		onlyOwnDependencies("query", "chunk", "pack", "treesitter", "store", "settings").check(production);
	}

	@Test
	void mcpDependsOnTheQueryLayerOnly() {
		onlyOwnDependencies("mcp", "query").check(production);
	}

	@Test
	void theMcpSdkStaysInTheMcpPackage() {
		noClasses().that().resideOutsideOfPackage("dev.chunker.mcp..")
			.should().dependOnClassesThat().resideInAPackage("io.modelcontextprotocol..")
			.because("the MCP SDK is an edge of the mcp package; the command line starts it through McpEndpoint and McpHttpConfiguration")
			.check(production);
	}

	@Test
	void scheduleDoesNotReachIntoTheCommandLine() {
		noClasses().that().resideInAPackage("dev.chunker.schedule..")
			.should().dependOnClassesThat().resideInAnyPackage("dev.chunker.cli..", "dev.chunker.query..", "dev.chunker.bench..")
			.check(production);
	}

	@Test
	void theChunkingCoreKnowsNoSpring() {
		noClasses().that().resideInAnyPackage("dev.chunker.treesitter..", "dev.chunker.chunk..", "dev.chunker.scan..",
				"dev.chunker.pack..")
			.should().dependOnClassesThat().resideInAPackage("org.springframework..")
			.because("the tree-sitter and chunking core is usable without any framework")
			.check(production);
	}

	@Test
	void springBatchStaysInTheJobPackage() {
		noClasses().that().resideOutsideOfPackage("dev.chunker.job..")
			.and().doNotHaveFullyQualifiedName("dev.chunker.cli.DatabaseContext")
			.should().dependOnClassesThat().resideInAPackage("org.springframework.batch..")
			.because("Spring Batch types stay in the batch layer; the command line's context wiring is the one named exception")
			.check(production);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.chunker.(*)..").should().beFreeOfCycles().check(production);
	}

	/** No class of {@code layer} depends on one of our packages other than itself and {@code allowed}. */
	private static ArchRule onlyOwnDependencies(String layer, String... allowed) {
		String[] permitted = new String[allowed.length + 1];
		permitted[0] = "dev.chunker." + layer + "..";
		for (int i = 0; i < allowed.length; i++) {
			permitted[i + 1] = "dev.chunker." + allowed[i] + "..";
		}
		return noClasses().that().resideInAPackage("dev.chunker." + layer + "..")
			.should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("our packages other than " + String.join(", ", permitted),
					(javaClass) -> javaClass.getPackageName().startsWith("dev.chunker")
							&& !matchesAny(javaClass.getPackageName(), permitted)))
			.because("docs/architecture.md: " + layer + " knows only " + (allowed.length == 0 ? "nothing of ours" : String.join(", ", allowed)));
	}

	private static boolean matchesAny(String packageName, String[] patterns) {
		for (String pattern : patterns) {
			String base = pattern.substring(0, pattern.length() - 2);
			if (packageName.equals(base) || packageName.startsWith(base + ".")) {
				return true;
			}
		}
		return false;
	}

}
