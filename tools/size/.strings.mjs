import { build } from 'esbuild';

const [entry, names, dir] = process.argv.slice(2);
const r = await build({
  stdin: { contents: `export { ${names} } from ${JSON.stringify(entry)};`, resolveDir: dir, loader: 'js' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  write: false,
  logLevel: 'silent',
  external: ['ky', 'valibot'],
});
const code = r.outputFiles[0].text;
const strs = code.match(/`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g) ?? [];
let tot = 0;
for (const s of strs) tot += s.length;
console.log('code', code.length, 'strings', strs.length, 'chars', tot);
console.log(
  strs
    .sort((a, b) => b.length - a.length)
    .slice(0, 40)
    .map((s) => s.length + ' ' + s.slice(0, 150))
    .join('\n'),
);
