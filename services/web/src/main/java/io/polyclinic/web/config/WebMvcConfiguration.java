package io.polyclinic.web.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Languages: Russian and English. The page's language is the one chosen with the switch ({@code ?lang=ru|en},
 * remembered a year in cookie {@code PC_LANG}), else the browser's {@code Accept-Language} preference between the two,
 * else English.
 */
@Configuration(proxyBeanMethods = false)
class WebMvcConfiguration implements WebMvcConfigurer {

    /** The languages of the pages. */
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));

    @Bean
    LocaleResolver localeResolver(WebUiProperties properties) {
        var resolver = new CookieLocaleResolver("PC_LANG");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setCookieSecure(properties.session().secure());
        resolver.setCookieHttpOnly(true);
        resolver.setDefaultLocaleFunction(request -> {
            var it = request.getLocales();
            while (it.hasMoreElements()) {
                var wanted = it.nextElement();
                for (var supported : SUPPORTED) {
                    if (supported.getLanguage().equals(wanted.getLanguage())) {
                        return supported;
                    }
                }
            }
            return Locale.ENGLISH;
        });
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor() {
            /** Only the two languages; anything else goes back to the default choice. */
            @Override
            protected Locale parseLocaleValue(String value) {
                return SUPPORTED.stream()
                        .filter(locale -> locale.getLanguage().equals(value))
                        .findFirst()
                        .orElse(null);
            }
        };
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
