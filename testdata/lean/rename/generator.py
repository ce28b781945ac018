"""Applies table.txt to the generator's emitted identifiers (the Go names
inside string literals of generator/*.go). Names that mean one support
declaration are replaced wherever they are a string literal; names that are
also other things (String, Int64, Add, Field, ...) only in the call shapes
where the generator emits them on a decoder, a path or a violation list."""
import re, glob

table = {}
for line in open('testdata/lean/rename/table.txt'):
    line = line.strip()
    if line and not line.startswith('#'):
        old, new = line.split()
        table[old] = new

def method(typ, name):
    return table.get(typ + '.' + name) or table['*.' + name]

# Names used only for one support declaration.
unique = {o: n for o, n in table.items() if '.' not in o}
for m in ['BeginArray', 'BeginObject', 'ConsumeNull', 'ErrDuplicate', 'ErrNullNotAllowed',
          'ErrRequired', 'ErrUnexpectedKind', 'Float32NonFinite', 'Float64NonFinite', 'KeptSince',
          'NextElement', 'NextField', 'StringBytes', 'RawCopy', 'SetMaxDepth']:
    unique[m] = table['Decoder.' + m]
unique['DecodeJSON'] = table['*.DecodeJSON']
unique['SortFrom'] = table['Violations.SortFrom']

decoder_recv = r'(Id\("d"\)|jen\.Parens\(jen\.Op\("\*"\)\.Id\("Decoder"\)\))'
rules = [
    # d.X() and (*Decoder).X
    (re.compile(decoder_recv + r'\.Dot\("(\w+)"\)'), lambda m: m.group(1) + '.Dot("%s")' % table.get('Decoder.' + m.group(2), m.group(2))),
    # method("X") / decoder("X"): the scalar readers named by helpers
    (re.compile(r'\b(method|decoder)\("(\w+)"\)'), lambda m: '%s("%s")' % (m.group(1), table.get('Decoder.' + m.group(2), m.group(2)))),
    # vs.Add / vs.Err / vs.Len
    (re.compile(r'Id\("vs"\)\.Dot\("(\w+)"\)'), lambda m: 'Id("vs").Dot("%s")' % table.get('Violations.' + m.group(1), m.group(1))),
    # path.Field / path.Index on the path variables generated code uses
    (re.compile(r'Id\((\w+|"root"|"fp"|"p")\)\.Dot\("(Field|Index)"\)'), lambda m: 'Id(%s).Dot("%s")' % (m.group(1), table['Path.' + m.group(2)])),
]

for f in sorted(glob.glob('generator/*.go')):
    if f.endswith('_test.go'):
        continue
    src = open(f).read()
    out = src
    for rx, fn in rules:
        out = rx.sub(fn, out)
    out = re.sub(r'"(\w+)"', lambda m: '"%s"' % unique.get(m.group(1), m.group(1)), out)
    if out != src:
        open(f, 'w').write(out)
        print(f)
