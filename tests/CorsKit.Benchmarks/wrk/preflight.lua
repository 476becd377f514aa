-- An allowed CORS preflight for PUT with two request headers (answered 204 by the CORS middleware; with no CORS
-- middleware the endpoint routing answers 405, which wrk counts as non-2xx).
wrk.method = "OPTIONS"
wrk.path = "/api/todos/1"
wrk.headers["Origin"] = "http://localhost:3000"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type,x-request-id"
