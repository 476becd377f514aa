-- An allowed cross-origin GET (the response gets ACAO, ACAC, ACEH and Vary from the CORS middleware).
wrk.method = "GET"
wrk.path = "/api/todos"
wrk.headers["Origin"] = "http://localhost:3000"
