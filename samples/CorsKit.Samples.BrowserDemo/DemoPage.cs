using System.Text.Encodings.Web;

namespace CorsKit.Samples.BrowserDemo;

/// <summary>The demo page: one button per kind of cross-origin request, and a table of what happened.</summary>
public static class DemoPage
{
    /// <summary>Renders the page for an API origin.</summary>
    /// <param name="apiOrigin">The API's origin, e.g. <c>http://127.0.0.1:5291</c>.</param>
    /// <returns>The HTML.</returns>
    public static string Render(string apiOrigin) => Template.Replace("__API_ORIGIN__", JavaScriptEncoder.Default.Encode(apiOrigin), StringComparison.Ordinal);

    private const string Template = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>CorsKit browser demo</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 24px; color: #1d2330; font-size: 14px; }
          h1 { font-size: 22px; margin: 0 0 4px; }
          p.lead { margin: 0 0 16px; color: #4a5368; }
          code { background: #eef1f6; padding: 1px 4px; border-radius: 3px; }
          .buttons { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 16px; }
          button { font: inherit; padding: 6px 12px; border: 1px solid #9aa6bd; border-radius: 6px; background: #f6f8fb; cursor: pointer; }
          button.refused { border-color: #d08a8a; background: #fbf2f2; }
          table { border-collapse: collapse; width: 100%; }
          th, td { border: 1px solid #d3d9e4; padding: 6px 8px; text-align: left; vertical-align: top; }
          th { background: #eef1f6; }
          td.verdict.allowed { color: #166b2c; font-weight: 600; }
          td.verdict.blocked { color: #a4161a; font-weight: 600; }
          td.server div.exchange { margin-bottom: 4px; }
          td.server span.h, td.read span.h { display: block; font-family: ui-monospace, monospace; font-size: 12px; color: #36405a; }
          td.explanation { color: #36405a; max-width: 380px; }
        </style>
        </head>
        <body>
        <h1>CorsKit browser demo</h1>
        <p class="lead">This page is origin <code id="page-origin"></code>; the CorsKit API is origin <code>__API_ORIGIN__</code>.
          Each button sends one <code>fetch()</code> to the API. The browser decides what script may read; the server column
          shows what the API received and sent back (read from the API's log, since script cannot see a blocked response).</p>
        <div class="buttons" id="buttons"></div>
        <table>
          <thead><tr><th>Request</th><th>Verdict</th><th>Status</th><th>What the API sent (CORS headers)</th><th>What script could read</th><th>Why</th></tr></thead>
          <tbody id="results"></tbody>
        </table>
        <script>
        const api = "__API_ORIGIN__";
        document.getElementById("page-origin").textContent = location.origin;
        let counter = 0;
        const demos = [
          { id: "simple", label: "Simple GET", request: "GET /api/simple",
            run: q => fetch(`${api}/api/simple?${q}`),
            why: "A simple request (safelisted method, no custom header) needs no preflight. CorsKit echoes the page's origin in Access-Control-Allow-Origin and adds Vary: Origin, so script reads the answer." },
          { id: "preflighted", label: "Preflighted PUT", request: "PUT /api/items/7 with Content-Type: application/json",
            run: q => fetch(`${api}/api/items/7?${q}`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id: 0, title: "demo" }) }),
            why: "PUT and a JSON Content-Type are not CORS-safelisted, so the browser first sends an OPTIONS preflight. CorsKit answers it itself (204, allowed methods and headers); only then is the PUT sent." },
          { id: "credentialed", label: "Credentialed GET", request: "POST /api/login, then GET /api/me, credentials: \"include\"",
            run: async q => { await fetch(`${api}/api/login?${q}`, { method: "POST", credentials: "include" }); return fetch(`${api}/api/me?${q}`, { credentials: "include" }); },
            why: "With credentials the browser accepts only the exact origin (never *) plus Access-Control-Allow-Credentials: true, which AllowCredentials() sends. The login sets a SameSite=None cookie; localhost and 127.0.0.1 are different sites, so the browser sends it back only if it allows third-party cookies (private windows do not): /api/me says whether it arrived." },
          { id: "exposed", label: "Exposed header", request: "GET /api/todos (sends X-Total-Count and X-Request-Cost)", read: ["X-Total-Count", "X-Request-Cost"],
            run: q => fetch(`${api}/api/todos?${q}`),
            why: "Script reads only the CORS-safelisted response headers and those listed in Access-Control-Expose-Headers: X-Total-Count is exposed, X-Request-Cost is not, so script sees null." },
          { id: "refused-origin", label: "Refused origin", refused: true, request: "GET /api/partner-only (policy: https://partner.example.net only)",
            run: q => fetch(`${api}/api/partner-only?${q}`),
            why: "This endpoint's own policy does not allow the page's origin. A simple GET is not preflighted, so the server did run it, but sent no Access-Control-Allow-Origin: the browser hides the response behind a TypeError." },
          { id: "refused-method", label: "Refused method", refused: true, request: "DELETE /api/items/7",
            run: q => fetch(`${api}/api/items/7?${q}`, { method: "DELETE" }),
            why: "DELETE is not in the policy's methods. The preflight answer lists the allowed methods without DELETE, so the browser fails the fetch and never sends the DELETE." },
          { id: "refused-header", label: "Refused header", refused: true, request: "GET /api/simple with X-Debug: 1",
            run: q => fetch(`${api}/api/simple?${q}`, { headers: { "X-Debug": "1" } }),
            why: "X-Debug is not a safelisted header and not in the policy's headers. The preflight answer lists only content-type, so the browser fails the fetch and never sends the GET." },
        ];

        const buttons = document.getElementById("buttons");
        const results = document.getElementById("results");
        for (const demo of demos) {
          const button = document.createElement("button");
          button.id = `btn-${demo.id}`;
          button.textContent = demo.label;
          if (demo.refused) button.className = "refused";
          button.addEventListener("click", () => runDemo(demo));
          buttons.appendChild(button);
        }

        function cell(row, className, text) {
          const td = document.createElement("td");
          td.className = className;
          if (text !== undefined) td.textContent = text;
          row.appendChild(td);
          return td;
        }

        function line(parent, text) {
          const span = document.createElement("span");
          span.className = "h";
          span.textContent = text;
          parent.appendChild(span);
        }

        async function runDemo(demo) {
          const demoId = `${demo.id}-${++counter}`;
          let verdict, status = "\u2014", readable = [];
          try {
            const response = await demo.run(`demo=${encodeURIComponent(demoId)}`);
            verdict = "allowed";
            status = String(response.status);
            for (const name of demo.read ?? []) readable.push(`${name}: ${response.headers.get(name)}`);
            if (!demo.read) response.headers.forEach((value, name) => readable.push(`${name}: ${value}`));
            readable.push(`body: ${(await response.text()).slice(0, 80)}`);
          } catch (error) {
            verdict = `blocked (${error.name}: ${error.message})`;
            readable.push("nothing: the promise rejected");
          }

          const log = await (await fetch(`${api}/_demo/log/${encodeURIComponent(demoId)}`)).json();
          const row = document.createElement("tr");
          row.id = `row-${demo.id}`;
          row.dataset.verdict = verdict.startsWith("allowed") ? "allowed" : "blocked";
          cell(row, "request", demo.request);
          cell(row, `verdict ${row.dataset.verdict}`, verdict);
          cell(row, "status", status);
          const server = cell(row, "server");
          if (log.length === 0) line(server, "(nothing arrived)");
          for (const entry of log) {
            const div = document.createElement("div");
            div.className = "exchange";
            const kind = entry.isPreflight ? `${entry.method} (preflight)` : entry.method;
            div.appendChild(document.createTextNode(`${kind} ${entry.path} \u2192 ${entry.status}${entry.cookieSent ? " (cookie sent)" : ""}`));
            const names = Object.keys(entry.corsHeaders);
            for (const name of names) line(div, `${name}: ${entry.corsHeaders[name]}`);
            if (!names.some(n => n.toLowerCase().startsWith("access-control-"))) line(div, "(no Access-Control-* headers)");
            server.appendChild(div);
          }
          if (log.length > 0 && log.every(e => e.isPreflight)) line(server, "actual request never sent");
          const read = cell(row, "read");
          for (const text of readable) line(read, text);
          cell(row, "explanation", demo.why);

          const existing = document.getElementById(row.id);
          if (existing) existing.replaceWith(row); else results.appendChild(row);
        }
        </script>
        </body>
        </html>
        """;
}
