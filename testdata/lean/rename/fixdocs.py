import re,sys,glob
table={}
for l in open('testdata/lean/rename/table.txt'):
    l=l.strip()
    if not l or l.startswith('#'): continue
    o,n=l.split()
    table.setdefault(n,set()).add(o.split('.')[-1])
declre=re.compile(r'^(?:func (?:\([^)]*\) )?(\w+)|type (\w+)|\t(\w+)\b|const (\w+)|var (\w+))')
for f in sys.argv[1:]:
    lines=open(f).read().split('\n')
    changed=0
    for i,l in enumerate(lines):
        m=declre.match(l)
        if not m: continue
        name=next(g for g in m.groups() if g)
        if name not in table: continue
        j=i-1
        while j>=0 and lines[j].lstrip().startswith('//'): j-=1
        j+=1
        if j==i: continue
        first=lines[j]
        mm=re.match(r'^(\s*// )(\w+)\b',first)
        if mm and mm.group(2) in table[name]:
            lines[j]=mm.group(1)+name+first[mm.end():]
            changed+=1
    if changed:
        open(f,'w').write('\n'.join(lines)); print(f,changed)
