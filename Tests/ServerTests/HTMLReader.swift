import Foundation
import TestSupport

/// An HTML page as Python's own parser (`html.parser`) reads it: what a DOM check needs, taken
/// by a reader partmap did not write.
struct HTMLReading {
    var lang: String
    var h1: String
    /// `header`, `main`, `footer` and every `nav` (as `nav:LABEL`), in document order.
    var landmarks: [String]
    /// Every `<a>`: href, text, rel.
    var links: [(href: String, text: String, rel: String)]
    /// Every `<script>`: its src, else its text.
    var scripts: [String]
    /// Names of `on…` attributes and tags other than the page's own (img, iframe, object, svg).
    var foreign: [String]
    /// The rows of the projects table, one string per cell.
    var rows: [[String]]
    /// Definition lists' terms and descriptions, in order.
    var fields: [(term: String, text: String)]
    var status: String
    var viewport: Bool

    init(_ html: String) throws {
        let text = try Python.run(script: "-c", arguments: [Self.script], input: html)
        guard let o = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { throw ReferenceError("not JSON: \(text)") }
        lang = o["lang"] as? String ?? ""
        h1 = o["h1"] as? String ?? ""
        landmarks = o["landmarks"] as? [String] ?? []
        links = (o["links"] as? [[String]] ?? []).map { ($0[0], $0[1], $0[2]) }
        scripts = o["scripts"] as? [String] ?? []
        foreign = o["foreign"] as? [String] ?? []
        rows = o["rows"] as? [[String]] ?? []
        fields = (o["fields"] as? [[String]] ?? []).map { ($0[0], $0[1]) }
        status = o["status"] as? String ?? ""
        viewport = o["viewport"] as? Bool ?? false
    }

    func field(_ term: String) -> String? { fields.first { $0.term == term }?.text }

    static let script = #"""
        import json, sys
        from html.parser import HTMLParser
        VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}
        class R(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.out = {"lang": "", "h1": "", "landmarks": [], "links": [], "scripts": [], "foreign": [], "rows": [], "fields": [],
                            "status": "", "viewport": False}
                self.stack, self.capture = [], []
            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                self.out["foreign"] += [n for n in a if n.startswith("on")]
                if tag in ("img", "iframe", "object", "svg", "embed"): self.out["foreign"].append(tag)
                if tag == "html": self.out["lang"] = a.get("lang", "")
                if tag == "meta" and a.get("name") == "viewport": self.out["viewport"] = True
                if tag in ("header", "main", "footer"): self.out["landmarks"].append(tag)
                if tag == "nav": self.out["landmarks"].append("nav:" + a.get("aria-label", ""))
                if tag == "script" and a.get("src"): self.out["scripts"].append(a["src"])
                if tag == "tr" and "tbody" in [s[0] for s in self.stack]: self.out["rows"].append([])
                if tag in VOID: return
                self.stack.append((tag, a, []))
            def handle_endtag(self, tag):
                while self.stack:
                    t, a, parts = self.stack.pop()
                    text = " ".join("".join(parts).split())
                    if self.stack: self.stack[-1][2].append("".join(parts))
                    if t == "h1": self.out["h1"] = text
                    if t == "a": self.out["links"].append([a.get("href", ""), text, a.get("rel", "")])
                    if t == "script" and not a.get("src"): self.out["scripts"].append("".join(parts))
                    if t in ("td", "th") and "tbody" in [s[0] for s in self.stack]: self.out["rows"][-1].append(text)
                    if t == "dt": self.out["fields"].append([text, ""])
                    if t == "dd": self.out["fields"][-1][1] = text
                    if a.get("role") == "status": self.out["status"] = text
                    if t == tag: break
            def handle_data(self, data):
                if self.stack: self.stack[-1][2].append(data)
        r = R(); r.feed(sys.stdin.read()); r.close()
        print(json.dumps(r.out))
        """#
}
