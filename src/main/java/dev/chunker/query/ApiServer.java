package dev.chunker.query;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What closes the API to strangers and keeps every refusal in the API's JSON: the access filter (bearer token, query
 * string decoding) before everything else, Tomcat's own refusals as JSON ({@link JsonErrorReportValve}), and a cap
 * on the number of parameters Tomcat parses.
 */
@Configuration(proxyBeanMethods = false)
public class ApiServer {

	/** Parameters Tomcat parses at most per request (the widest endpoint takes 9). */
	static final int MAX_PARAMETERS = 50;

	@Bean
	FilterRegistrationBean<ApiAccessFilter> apiAccessFilter(ObjectProvider<ApiToken> token) {
		FilterRegistrationBean<ApiAccessFilter> registration = new FilterRegistrationBean<>(
				new ApiAccessFilter(token.getIfAvailable()));
		// After the character encoding filter (the highest precedence), before everything else.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.addUrlPatterns("/*");
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorsAndParameterLimit() {
		return (factory) -> {
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
					host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
				}
			});
			factory.addConnectorCustomizers((connector) -> {
				connector.setMaxParameterCount(MAX_PARAMETERS);
				// The API reads no request body: a form posted to it is not parsed beyond this.
				connector.setMaxPostSize(4096);
			});
		};
	}

}
