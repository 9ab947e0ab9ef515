package io.polyclinic.web.view;

import io.polyclinic.web.session.CurrentUser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Renders the web service's templates as it does (the layout, the given message bundles, the {@code @fmt} formats in
 * Europe/Moscow and any other beans the templates call), for a signed-in person at one page address, without a server:
 * the template tests' one way to see a page's HTML in a language.
 */
public final class TemplateRenderer {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final StaticApplicationContext beans = new StaticApplicationContext();
    private final String path;
    private final CurrentUser user;

    /**
     * @param path the page's address, e.g. {@code /manage/imports} (the language switch's link is built from it)
     * @param role the signed-in person's role, e.g. {@code ADMIN}
     * @param bundles the message bundles besides {@code messages}, e.g. {@code messages_admin}
     * @param extraBeans beans by the name templates call them with {@code @name}, besides {@code fmt}
     */
    public TemplateRenderer(String path, String role, List<String> bundles, Map<String, Object> extraBeans) {
        this.path = path;
        this.user = new CurrentUser(UUID.randomUUID(), role.toLowerCase(Locale.ROOT) + "@test", List.of(role));
        var resolver = new SpringResourceTemplateResolver();
        resolver.setPrefix("classpath:/templates/");
        resolver.setSuffix(".html");
        resolver.setApplicationContext(new StaticApplicationContext());
        var messages = new ResourceBundleMessageSource();
        messages.addBasenames("messages");
        messages.addBasenames(bundles.toArray(String[]::new));
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        beans.getBeanFactory().registerSingleton("fmt", new Formats("Europe/Moscow"));
        extraBeans.forEach(beans.getBeanFactory()::registerSingleton);
        beans.refresh();
    }

    /**
     * The HTML of {@code template} (e.g. {@code imports/wizard}, or one fragment: {@code imports/wizard :: preview})
     * in {@code locale} with the controller's {@code model}.
     */
    public String render(String template, Locale locale, Map<String, Object> model) {
        var request = new MockHttpServletRequest("GET", path);
        var response = new MockHttpServletResponse();
        var application = JakartaServletWebApplication.buildApplication(request.getServletContext());
        var context = new WebContext(application.buildExchange(request, response), locale);
        context.setVariable(
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(beans, DefaultConversionService.getSharedInstance()));
        context.setVariable("currentUser", user);
        context.setVariable("lang", locale.getLanguage());
        context.setVariable("langUrl", path + "?lang=@");
        context.setVariables(model);
        LocaleContextHolder.setLocale(locale);
        try {
            var parts = template.split(" :: ");
            return parts.length == 1
                    ? engine.process(template, context)
                    : engine.process(parts[0], Set.of(parts[1]), context);
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }
}
