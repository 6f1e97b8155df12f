package io.syncengine.web;

import io.syncengine.domain.model.JsonText;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of the web container ({@code WEB-INF/web.xml}): errors answered before or outside JAX-RS — a
 * token the MicroProfile JWT layer refuses, a path outside the API, an exception no mapper saw — get the same
 * problem+json shape as the API's own, instead of the server's HTML page (which names the server and may show a
 * stack trace).
 */
@WebServlet(ErrorPage.PATH)
public class ErrorPage extends HttpServlet {

    static final String PATH = "/error-page";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorPage.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number && number >= 400 ? number : HttpServletResponse.SC_NOT_FOUND;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String instance = uri instanceof String path ? path : null;
        if (failure instanceof Throwable t) {
            LOG.log(Level.SEVERE, "unexpected failure of " + instance, t);
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        }
        Problem problem = Problem.ofStatus(status, instance);
        JsonObjectBuilder body = JsonText.object().add("type", problem.type()).add("title", problem.title())
                .add("status", status).add("detail", problem.detail());
        if (instance != null) {
            body.add("instance", instance);
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == HttpServletResponse.SC_UNAUTHORIZED && response.getHeader("WWW-Authenticate") == null) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.getWriter().write(body.build().toString());
    }
}
