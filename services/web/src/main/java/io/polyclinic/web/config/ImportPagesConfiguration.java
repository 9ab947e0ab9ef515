package io.polyclinic.web.config;

import io.polyclinic.web.imports.ImportPageProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The import wizard's settings ({@code polyclinic.web-ui.imports.*}); its pages fall under the staff rules. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportPageProperties.class)
class ImportPagesConfiguration {}
