import { convertFandomExport } from './lib/domain/fandom-import.ts';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
const md = (s: string) => String(unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify).processSync(s));
const N: Record<string,string> = {amp:'&',lt:'<',gt:'>',quot:'"',apos:"'"};
const dec = (h: string) => h.replace(/<sup>.*?<\/sup>/g,'').replace(/<[^>]*>/g,'').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi,(m,x:string)=> x[0]==='#' ? String.fromCodePoint(x[1]==='x'||x[1]==='X'?parseInt(x.slice(2),16):+x.slice(1)) : (N[x] ?? m));
const alpha = ['a','b',' ','  ','\t','*','_','`','[',']','<','>','&','~','#','-','+','=','|','1','.',')','!','\\','(',':','/','@','http://','www.','amp;','#1;','x.co','[1]','"','\'','^','$','{','}','%',';','?','\u00a0','“','é','mailto:','a@b.co','HTTPS://','WWW.','\\[','  \t','    ','xmpp:','[01]','[0]'];
let fails = 0;
function check(line: string) {
  const t = line.replace(/\s+$/,'');
  if (t.trim()===''||t.endsWith('[]')) return;
  const r = convertFandomExport('W\n'+line, {fileName:'x', captions:[]});
  const html = md(r.markdown);
  const body = html.split('<section')[0]!;
  const got = dec(body).replace(/\n$/,'');
  const want = t.replace(/\[([1-9][0-9]{0,8})\]/g,'');
  if (got !== want) { if (fails++ < 40) console.log(JSON.stringify(line), '\n  md:', JSON.stringify(r.markdown.split('\n')[0]), '\n  got:', JSON.stringify(got)); }
}
const rnd = Math.random;
for (let n = 0; n < 200000; n++) { let s=''; const len = 1 + Math.floor(rnd()*14); for (let i=0;i<len;i++) s += alpha[Math.floor(rnd()*alpha.length)]; check(s); }
for (const s of ['http://x.y/a_b', 'see https://example.com/a_b*c*.', 'www.a_b.com/*x*', 'a_b@c.com', 'mailto:a_b@b.com', 'xmpp:a@b.c/d_e', 'https://example.com/path?q=<x>', 'x www.a.com/~a~ y']) check(s);
console.log('fails', fails);
