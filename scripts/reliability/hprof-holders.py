#!/usr/bin/env python3
"""Who holds the primitive array whose data starts at OFFSET in an .hprof heap dump?

Used for issue 9 "Secrets": HeapDumpSecretTest prints the offset of each hit; run with
-Dperdition.keepHeapDump=/tmp/heap.hprof to keep the dump, then:
    scripts/reliability/hprof-holders.py /tmp/heap.hprof OFFSET [LEVELS]
Prints the chain of referrers (class names), a few levels up. A heuristic: an object "refers" to
an id when the id's bytes appear in its instance data or array elements.
"""
import struct
import sys

path, offset = sys.argv[1], int(sys.argv[2])
levels = int(sys.argv[3]) if len(sys.argv) > 3 else 6
data = open(path, 'rb').read()
p = data.index(b'\0') + 1
idsize = struct.unpack('>I', data[p:p + 4])[0]
p += 12
fmt = '>Q' if idsize == 8 else '>I'
SIZES = {2: idsize, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
strings, class_names, objects, instance_class, class_fields, class_super = {}, {}, [], {}, {}, {}
roots = {}
target = None

def rid(q):
    return struct.unpack(fmt, data[q:q + idsize])[0]

while p < len(data):
    tag = data[p]
    length = struct.unpack('>I', data[p + 5:p + 9])[0]
    body, end = p + 9, p + 9 + length
    if tag == 0x01:
        strings[rid(body)] = data[body + idsize:end].decode('utf-8', 'replace')
    elif tag == 0x02:
        class_names[rid(body + 4)] = rid(body + 8 + idsize)
    elif tag in (0x0C, 0x1C):
        q = body
        while q < end:
            sub = data[q]; q += 1
            if sub == 0xFF: roots[rid(q)] = 'unknown'; q += idsize
            elif sub == 0x01: roots[rid(q)] = 'JNI global'; q += 2 * idsize
            elif sub in (0x02, 0x03): roots[rid(q)] = 'JNI local' if sub == 2 else 'Java frame'; q += idsize + 8
            elif sub == 0x04: roots[rid(q)] = 'native stack'; q += idsize + 4
            elif sub == 0x05: roots[rid(q)] = 'sticky class'; q += idsize
            elif sub == 0x06: roots[rid(q)] = 'thread block'; q += idsize + 4
            elif sub == 0x07: roots[rid(q)] = 'monitor'; q += idsize
            elif sub == 0x08: roots[rid(q)] = 'thread object'; q += idsize + 8
            elif sub == 0x20:
                cid = rid(q); q += idsize + 4 + 6 * idsize + 4
                n = struct.unpack('>H', data[q:q + 2])[0]; q += 2
                for _ in range(n):
                    t = data[q + 2]; q += 3 + SIZES[t]
                n = struct.unpack('>H', data[q:q + 2])[0]; q += 2
                start = q
                for _ in range(n):
                    t = data[q + idsize]; q += idsize + 1 + SIZES[t]
                objects.append((cid, start, q, 'class'))
                n = struct.unpack('>H', data[q:q + 2])[0]; q += 2 + n * (idsize + 1)
            elif sub == 0x21:
                oid = rid(q); cls = rid(q + idsize + 4)
                n = struct.unpack('>I', data[q + 2 * idsize + 4:q + 2 * idsize + 8])[0]
                start = q + 2 * idsize + 8
                objects.append((oid, start, start + n, cls)); q = start + n
            elif sub == 0x22:
                oid = rid(q); n = struct.unpack('>I', data[q + idsize + 4:q + idsize + 8])[0]
                cls = rid(q + idsize + 8); start = q + 2 * idsize + 8
                objects.append((oid, start, start + n * idsize, cls)); q = start + n * idsize
            elif sub == 0x23:
                oid = rid(q); n = struct.unpack('>I', data[q + idsize + 4:q + idsize + 8])[0]
                t = data[q + idsize + 8]; start = q + idsize + 9
                if start <= offset < start + n * SIZES[t]:
                    target = oid
                q = start + n * SIZES[t]
            else:
                raise SystemExit('unknown sub-record %x at %d' % (sub, q))
    p = end

def name(cls):
    if cls == 'class':
        return 'class object'
    return strings.get(class_names.get(cls), '?%x' % cls)

print('array id %x' % target, '(root: %s)' % roots.get(target) if target in roots else '')
frontier, seen = [target], {target}
for level in range(levels):
    nxt = []
    for oid in frontier:
        needle = struct.pack(fmt, oid)
        for (holder, start, stop, cls) in objects:
            seg = data[start:stop]
            i = seg.find(needle)
            if i >= 0 and holder not in seen:
                seen.add(holder); nxt.append(holder)
                print('  ' * (level + 1) + '%x %s%s' % (holder, name(cls),
                      ' [root: %s]' % roots[holder] if holder in roots else ''))
    if not nxt:
        break
    frontier = nxt[:8]
