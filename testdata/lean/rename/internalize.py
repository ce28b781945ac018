import re,sys
for f in sys.argv[1:]:
    s=open(f).read()
    m=re.search(r'^package (\w+)_test$',s,re.M)
    pkg=m.group(1)
    im=re.search(r'^\s*(\w+) "github.com/sessiongen/sessiongen/generated/[^"]*/'+pkg+r'"\n',s,re.M)
    alias=im.group(1)
    s=s[:im.start()]+'\n'+s[im.end():] if False else s.replace(im.group(0),'\n',1)
    s=s.replace(m.group(0),'package '+pkg,1)
    s=re.sub(r'\b'+alias+r'\.','',s)
    open(f,'w').write(s)
