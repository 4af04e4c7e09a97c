package org.scriptorium.community;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Consultation's settings ({@code scriptorium.consultation.*}). */
@Configuration
@EnableConfigurationProperties(ConsultationProperties.class)
class ConsultationConfig {
}
