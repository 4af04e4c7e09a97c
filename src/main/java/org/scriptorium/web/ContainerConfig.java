package org.scriptorium.web;

import jakarta.servlet.DispatcherType;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * How the servlet container meets the world: behind a proxy (the public address for redirects and the session
 * cookie's {@code Secure} flag; forwarded headers are read by Tomcat's RemoteIpValve, see application.yml), and
 * errors Tomcat answers by itself in the one error format.
 */
@Configuration
@ConditionalOnWebApplication
class ContainerConfig {

    @Bean
    PublicUrl publicUrl(@Value("${scriptorium.public-url:}") String configured,
                        @Value("${scriptorium.sharing.public-url:}") String fallback) {
        return PublicUrl.of(configured, fallback);
    }

    /** Before Spring Security, so its redirects (sign-in, after sign-in) go through it too. */
    @Bean
    FilterRegistrationBean<PublicRedirects> publicRedirects(PublicUrl publicUrl) {
        FilterRegistrationBean<PublicRedirects> registration = new FilterRegistrationBean<>(new PublicRedirects(publicUrl));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC,
                DispatcherType.FORWARD);
        return registration;
    }

    /**
     * An HTTPS public address makes the session cookie {@code Secure} even when the proxy in front does not say
     * {@code X-Forwarded-Proto: https} (the cookie is marked so by itself when it does).
     * {@code server.servlet.session.cookie.secure}, when set, still decides. Issue 17: the cookie is written by Spring
     * Session (sessions are in the database), so the flag is set on its cookie serializer, not on Tomcat's.
     */
    @Bean
    DefaultCookieSerializerCustomizer secureSessionCookie(PublicUrl publicUrl,
                                                          @Value("${server.servlet.session.cookie.secure:}") String explicit) {
        return serializer -> {
            if (publicUrl.https() && explicit.isBlank()) {
                serializer.setUseSecureCookie(true);
            }
        };
    }

    /** Replaces Tomcat's HTML error report (added by Spring Boot to the host) with {@link ProblemReportValve}. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReports(ScriptoriumProperties properties,
            @Value("${server.max-http-request-header-size:8KB}") String headerLimit) {
        return factory -> factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
            host.getPipeline().addValve(new ProblemReportValve(properties.siteName(), headerLimit));
        });
    }
}
