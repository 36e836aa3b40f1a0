package dev.chunker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.chunker.query.ApiToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which token {@code serve} requires, from the flags, the environment and the address it binds. */
class ServeAccessTest {

	@TempDir
	Path dir;

	@Test
	void loopbackAddressesNeedNoToken() {
		for (String loopback : new String[] { "127.0.0.1", "127.0.0.2", "::1", "localhost" }) {
			assertThat(ServeAccess.loopback(loopback)).as(loopback).isTrue();
			assertThat(ServeAccess.token(loopback, null, null, false)).as(loopback).isNull();
		}
		for (String open : new String[] { "0.0.0.0", "::", "192.0.2.2", "no-such-host.invalid" }) {
			assertThat(ServeAccess.loopback(open)).as(open).isFalse();
			assertThatThrownBy(() -> ServeAccess.token(open, null, null, false)).as(open)
				.isInstanceOf(ChunkerCommand.UsageException.class)
				.hasMessageContaining("needs a bearer token");
			assertThat(ServeAccess.token(open, null, null, true)).as(open).isNull();
		}
	}

	@Test
	void theFileComesBeforeTheEnvironmentAndBothAreCheckedOnLoopbackToo() throws Exception {
		Path file = this.dir.resolve("token");
		Files.writeString(file, "  from-the-file\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
		ApiToken fromFile = ServeAccess.token("0.0.0.0", file, "from-the-environment", false);
		assertThat(fromFile).isNotNull();
		assertThat(fromFile.accepts("Bearer from-the-file")).isTrue();
		assertThat(fromFile.accepts("Bearer from-the-environment")).isFalse();
		ApiToken fromEnvironment = ServeAccess.token("127.0.0.1", null, "from-the-environment", false);
		assertThat(fromEnvironment).isNotNull();
		assertThat(fromEnvironment.accepts("BEARER  from-the-environment ")).isTrue();
		assertThat(fromEnvironment.accepts("from-the-environment")).isFalse();
		assertThat(fromEnvironment.accepts("Bearer ")).isFalse();
		assertThat(fromEnvironment.accepts("Bearer from-the-environmenT")).isFalse();
		assertThat(fromEnvironment.toString()).doesNotContain("from-the-environment");
		assertThatThrownBy(() -> ServeAccess.token("127.0.0.1", null, "   ", false))
			.isInstanceOf(ChunkerCommand.UsageException.class)
			.hasMessage("CHUNKER_API_TOKEN is empty");
		// --no-auth leaves an environment token aside, but contradicts a token file.
		assertThat(ServeAccess.token("0.0.0.0", null, "from-the-environment", true)).isNull();
		assertThatThrownBy(() -> ServeAccess.token("0.0.0.0", file, null, true)).hasMessageContaining("contradict");
	}

}
