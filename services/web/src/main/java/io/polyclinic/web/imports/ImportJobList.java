package io.polyclinic.web.imports;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.imports.ImportViews.Job;
import io.polyclinic.web.manager.PageView;
import io.polyclinic.web.session.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The recent imports as the wizard lists them, each with who started it: the person's own imports (a manager sees only
 * theirs), or for an ADMIN everyone's, named by their email from the users API.
 */
@Component
class ImportJobList {

    private static final ParameterizedTypeReference<PageView<Job>> JOB_PAGE = new ParameterizedTypeReference<>() {};

    private final ApiClient api;

    ImportJobList(ApiClient api) {
        this.api = api;
    }

    /** A recent import and the name of who started it ({@code null}: the person viewing the page). */
    record Listed(Job job, String startedBy) {}

    /** The {@code size} newest imports the person may see. */
    List<Listed> recent(int size) {
        var page = api.get("/api/v1/imports?page=0&size=" + Math.clamp(size, 1, 50), JOB_PAGE);
        var me = currentUser();
        var names = new HashMap<UUID, String>();
        return page.items().stream()
                .map(job -> new Listed(job, who(job.startedBy(), me, names)))
                .toList();
    }

    /** The email of the user {@code id}, read once per page; its id when the users API does not answer. */
    private String who(UUID id, CurrentUser me, Map<UUID, String> names) {
        if (me != null && me.id().equals(id)) {
            return null;
        }
        return names.computeIfAbsent(id, key -> {
            if (me == null || !me.hasRole("ADMIN")) {
                return key.toString();
            }
            try {
                return api.get("/api/v1/admin/users/" + key, UserRef.class).email();
            } catch (ApiException e) {
                return key.toString();
            }
        });
    }

    private static CurrentUser currentUser() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getAttribute(CurrentUser.ATTRIBUTE) instanceof CurrentUser user ? user : null;
        }
        return null;
    }

    /** A user as the users API answers, by the fields read here. */
    record UserRef(UUID id, String email) {}
}
