package dev.chunker.mcp;

import dev.chunker.query.QueryService;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code chunker serve --mcp}: the same tools on the protocol's streamable HTTP transport at {@link #PATH}, a servlet
 * of the REST API's web server, so the API's access filter (loopback, or the bearer token) guards it too; requests
 * from web pages (with an {@code Origin} header) are refused.
 */
@Configuration(proxyBeanMethods = false)
public class McpHttpConfiguration {

	/** Where the streamable HTTP transport is served. */
	public static final String PATH = "/mcp";

	@Bean
	HttpServletStreamableServerTransportProvider mcpTransport() {
		// A request with an Origin header comes from a web page (the protocol's guard against DNS rebinding): a 403.
		// Assistants are not browsers and send none.
		return HttpServletStreamableServerTransportProvider.builder()
			.jsonMapper(McpJsonDefaults.getMapper())
			.mcpEndpoint(PATH)
			.securityValidator(DefaultServerTransportSecurityValidator.builder().build())
			.build();
	}

	@Bean(destroyMethod = "closeGracefully")
	McpSyncServer mcpServer(QueryService queries, HttpServletStreamableServerTransportProvider mcpTransport) {
		return new McpEndpoint(queries).server(McpServer.sync(mcpTransport));
	}

	@Bean
	ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
			HttpServletStreamableServerTransportProvider mcpTransport) {
		ServletRegistrationBean<HttpServletStreamableServerTransportProvider> registration = new ServletRegistrationBean<>(
				mcpTransport, PATH);
		registration.setName("mcp");
		registration.setAsyncSupported(true);
		return registration;
	}

}
