// What nginx/Dockerfile promises to the code that runs it. Kept in one place so the port mapping, the
// health check and the log mount cannot drift apart from each other.

/** The unprivileged port nginx listens on inside the container. */
export const SITE_PORT = 8080;

/** A cheap endpoint that answers 200 once nginx serves requests. */
export const HEALTH_URL = `http://127.0.0.1:${SITE_PORT}/healthz`;

/** Where the image writes log files that should outlive the container (see hostLogDirectory). */
export const HOST_LOG_MOUNT = "/var/log/nginx-host";

/** The image's second entry point, which also writes access.log and error.log to HOST_LOG_MOUNT. */
export const HOST_LOG_NGINX_CONF = "/etc/nginx/nginx-host-logs.conf";
