package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

func (c *clientGen) pagedMethod(m *ir.Method, recv jen.Code, params, args []jen.Code, head string, notes []string) {
	f := c.f
	elem := elemType(m.Response)
	callName, fetchName := m.CallName, m.FetchName
	fcomment(f, doc([]string{head + " It iterates over the elements of every page, fetching pages as needed."},
		append(notes, "The iterator starts no goroutine. It stops when the loop breaks, when ctx ends, or after yielding an error.")...))
	f.Func().Params(recv).Id(m.Name).Params(params...).Qual("iter", "Seq2").Types(elem, jen.Error()).Block(
		jen.List(jen.Id("call"), jen.Err()).Op(":=").Id("c").Dot(callName).Call(args...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(elem, jen.Error()).Bool()).Block(
			jen.Id("yield").Call(jen.Nil(), jen.Err()),
		))),
		jen.Return(jen.Id("paginate").Call(jen.Id("ctx"), jen.Id("call"), jen.Id("c").Dot(fetchName))),
	)
	f.Line()
	f.Commentf("%s fetches the first page of %s; follow with the page's Next method.", m.PageName, m.Name)
	f.Func().Params(recv).Id(m.PageName).Params(params...).Params(jen.Op("*").Id("Page").Types(elem), jen.Error()).Block(
		jen.List(jen.Id("call"), jen.Err()).Op(":=").Id("c").Dot(callName).Call(args...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("fetchPage").Call(jen.Id("ctx"), jen.Id("call"), jen.Id("c").Dot(fetchName))),
	)
	f.Line()
	f.Commentf("%s fetches the page call asks for and the call of the page after it.", fetchName)
	f.Func().Params(recv).Id(fetchName).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("call").Op("*").Id("httpCall")).Params(jen.Index().Add(elem), jen.Op("*").Id("httpCall"), jen.Any(), jen.Error()).Block(
		jen.Return(jen.Id("fetchItems").Call(jen.Id("ctx"), jen.Id("c").Dot("transport"), jen.Id("call"), jen.Id(m.Response.PageReader.Name).Types(elem), itemReader(m.Response))),
	)
	f.Line()
}

// itemReader returns the reader of one list item: a func(*Decoder) (T, error).
func itemReader(resp *ir.Response) jen.Code {
	if resp.Type.Kind == ir.InterfaceRef {
		return jen.Id(resp.Type.Interface.Decoder)
	}
	return readPointerFunc(resp.Struct.Name)
}

// readPointerFunc returns a func(*decoder) (*T, error) literal that reads one
// object of type name into a new value.
func readPointerFunc(name string) jen.Code {
	return jen.Func().Params(jen.Id("d").Op("*").Id("decoder")).Params(jen.Op("*").Id(name), jen.Error()).Block(readIntoNew(name)...)
}

// pages emits what every list method shares: fetchItems, which fetches one
// page and builds the call of the next as the API's pagination style says,
// and the page body readers.
func (c *clientGen) pages() {
	if len(c.p.API.PageReaders) == 0 {
		return
	}
	f, pg := c.f, c.p.API.Pagination
	t := jen.Id("T")
	f.Comment("fetchItems fetches the page call asks for, decodes its body with readPage and its")
	f.Comment("items with read, gives the body's buffer back for the next answer, and builds the")
	f.Comment("call of the page after it (nil on the last). It returns the envelope's metadata")
	f.Comment("too (see Page). Not inlined, as paginate: once per page, it costs nothing, and its")
	f.Comment("body is compiled once, not per item type.")
	f.Comment("")
	f.Comment("//go:noinline")
	f.Func().Id("fetchItems").Types(t.Clone().Any()).Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("t").Op("*").Id("httpTransport"), jen.Id("call").Op("*").Id("httpCall"),
		jen.Id("readPage").Func().Params(jen.Index().Byte(), jen.Func().Params(jen.Op("*").Id("decoder")).Params(t.Clone(), jen.Error())).Params(jen.Index().Add(t.Clone()), jen.Id("pageInfo"), jen.Error()),
		jen.Id("read").Func().Params(jen.Op("*").Id("decoder")).Params(t.Clone(), jen.Error()),
	).Params(jen.Index().Add(t.Clone()), jen.Op("*").Id("httpCall"), jen.Any(), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.List(jen.Id("resp"), jen.Err()).Op(":=").Id("t").Dot("Do").Call(jen.Id("ctx"), jen.Id("call"))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Nil(), jen.Err()))
		g.If(jen.Id("emptyBody").Call(jen.Id("resp").Dot("Body"))).Block(jen.Id("resp").Dot("Release").Call(), jen.Return(jen.Nil(), jen.Nil(), jen.Nil(), jen.Op("&").Id("EmptyResponseError").Values(jen.Dict{jen.Id("StatusCode"): jen.Id("resp").Dot("StatusCode")})))
		g.List(jen.Id("items"), jen.Id("info"), jen.Err()).Op(":=").Id("readPage").Call(jen.Id("resp").Dot("Body"), jen.Id("read"))
		g.Id("resp").Dot("Release").Call()
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Nil(), jen.Err()))
		switch pg.Style {
		case ir.PaginationNextLink:
			g.If(jen.Id("info").Dot("nextURL").Op("==").Lit("")).Block(jen.Return(jen.Id("items"), jen.Nil(), jen.Id("info").Dot("envelopeMeta"), jen.Nil()))
			g.List(jen.Id("u"), jen.Err()).Op(":=").Id("t").Dot("Next").Call(jen.Id("info").Dot("nextURL"))
			g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("items"), jen.Nil(), jen.Id("info").Dot("envelopeMeta"), jen.Err()))
			g.Return(jen.Id("items"), jen.Op("&").Id("httpCall").Values(jen.Dict{
				jen.Id("Method"): jen.Lit("GET"), jen.Id("URL"): jen.Id("u"), jen.Id("Retryable"): jen.True(),
			}), jen.Id("info").Dot("envelopeMeta"), jen.Nil())
		case ir.PaginationPageNumber:
			g.Id("page").Op(":=").Int64().Call(jen.Lit(pg.FirstPage))
			g.If(jen.Id("s").Op(":=").Id("call").Dot("Query").Dot("Get").Call(jen.Lit(pg.PageParam)), jen.Id("s").Op("!=").Lit("")).Block(
				jen.If(jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual("strconv", "ParseInt").Call(jen.Id("s"), jen.Lit(10), jen.Lit(64)), jen.Err().Op("==").Nil()).Block(jen.Id("page").Op("=").Id("n")),
			)
			g.Id("more").Op(":=").Len(jen.Id("items")).Op(">").Lit(0)
			if pg.SizeParam != "" {
				// Without totals, a page shorter than the size asked for is the last.
				g.If(jen.List(jen.Id("size"), jen.Err()).Op(":=").Qual("strconv", "Atoi").Call(jen.Id("call").Dot("Query").Dot("Get").Call(jen.Lit(pg.SizeParam))), jen.Err().Op("==").Nil().Op("&&").Len(jen.Id("items")).Op("<").Id("size")).Block(
					jen.Id("more").Op("=").False(),
				)
			}
			g.If(jen.List(jen.Id("total"), jen.Id("ok")).Op(":=").Id("info").Dot("totalPages").Dot("Get").Call(), jen.Id("ok")).Block(
				jen.Id("more").Op("=").Id("page").Op("+").Lit(1 - pg.FirstPage).Op("<").Id("total"),
			)
			g.If(jen.Op("!").Id("more")).Block(jen.Return(jen.Id("items"), jen.Nil(), jen.Id("info").Dot("envelopeMeta"), jen.Nil()))
			g.Id("next").Op(":=").Op("*").Id("call")
			g.Id("next").Dot("Query").Op("=").Qual("maps", "Clone").Call(jen.Id("call").Dot("Query"))
			g.If(jen.Id("next").Dot("Query").Op("==").Nil()).Block(jen.Id("next").Dot("Query").Op("=").Qual("net/url", "Values").Values())
			g.Id("next").Dot("Query").Dot("Set").Call(jen.Lit(pg.PageParam), jen.Qual("strconv", "FormatInt").Call(jen.Id("page").Op("+").Lit(1), jen.Lit(10)))
			g.Return(jen.Id("items"), jen.Op("&").Id("next"), jen.Id("info").Dot("envelopeMeta"), jen.Nil())
		}
	})
	f.Line()
	for _, pr := range c.p.API.PageReaders {
		c.pageDecoder(pr.Name, pr.Items)
	}
	c.pageMeta()
	c.continuations()
}

// pageDecoder emits the reader of page bodies with their items in member
// items: the items array, each item read with the reader it is given, and
// the members the pagination style reads (next link or totals).
func (c *clientGen) pageDecoder(name string, items string) {
	f, p := c.f, c.p
	pg := p.API.Pagination
	elem := jen.Id("T")
	type leaf struct {
		path []string
		read func(g *jen.Group)
	}
	var leaves []leaf
	leaves = append(leaves, leaf{[]string{items}, func(g *jen.Group) {
		decodeOne := []jen.Code{
			jen.List(jen.Id("x"), jen.Err()).Op(":=").Id("read").Call(jen.Op("&").Id("d")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("withField").Call(jen.Id("withIndex").Call(jen.Err(), jen.Id("i")), jen.Lit(items)))),
			jen.Id("items").Op("=").Append(jen.Id("items"), jen.Id("x")),
		}
		g.If(jen.Err().Op(":=").Id("d").Dot("beginArray").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("withField").Call(jen.Err(), jen.Lit(items))))
		g.Id("items").Op("=").Index().Add(elem).Values()
		g.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(append([]jen.Code{
			jen.List(jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("nextElement").Call(),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("withField").Call(jen.Err(), jen.Lit(items)))),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
		}, decodeOne...)...)
	}})
	// labelled wraps err in the JSON path of the value it is about.
	labelled := func(err jen.Code, path []string) jen.Code {
		for i := len(path) - 1; i >= 0; i-- {
			err = jen.Id("withField").Call(err, jen.Lit(path[i]))
		}
		return err
	}
	optionalString := func(target string, path []string) func(g *jen.Group) {
		return func(g *jen.Group) {
			g.If(jen.Op("!").Id("d").Dot("consumeNull").Call()).Block(
				jen.List(jen.Id("s"), jen.Err()).Op(":=").Id("d").Dot("stringValue").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), labelled(jen.Err(), path))),
				jen.Id("info").Dot(target).Op("=").Id("s"),
			)
		}
	}
	optionalInt := func(target string, path []string) func(g *jen.Group) {
		return func(g *jen.Group) {
			g.If(jen.Op("!").Id("d").Dot("consumeNull").Call()).Block(
				jen.List(jen.Id("n"), jen.Err()).Op(":=").Id("d").Dot("int64Value").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), labelled(jen.Err(), path))),
				jen.Id("info").Dot(target).Op("=").Id("Some").Call(jen.Id("n")),
			)
		}
	}
	// A metadata field reading the totals the style needs is read once,
	// into the metadata, and copied into info after the walk.
	var totalPagesMeta *ir.PageField
	for _, mf := range pg.Metadata {
		leaves = append(leaves, leaf{mf.Path, optionalMeta(mf, labelled)})
		if mf.TotalPages {
			totalPagesMeta = mf
		}
	}
	switch pg.Style {
	case ir.PaginationNextLink:
		leaves = append(leaves, leaf{pg.Next, optionalString("nextURL", pg.Next)})
	case ir.PaginationPageNumber:
		if len(pg.TotalPages) > 0 && totalPagesMeta == nil {
			leaves = append(leaves, leaf{pg.TotalPages, optionalInt("totalPages", pg.TotalPages)})
		}
	}
	// walk emits an object loop that dispatches on the names at depth. As in
	// typed decoders, every name of the object is claimed once: a repeated
	// member (the items, the next link, a total, an envelope or anything
	// skipped) is an error, never last-wins.
	var walk func(g *jen.Group, ls []leaf, depth int)
	walk = func(g *jen.Group, ls []leaf, depth int) {
		prefix := ls[0].path[:depth] // the path of the object walked here
		fail := func(err jen.Code) jen.Code {
			return jen.If(jen.Err().Op(":=").Add(err), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), labelled(jen.Err(), prefix)))
		}
		seen, unknown := fmt.Sprintf("seen%d", depth), fmt.Sprintf("unknown%d", depth)
		g.Add(fail(jen.Id("d").Dot("beginObject").Call()))
		g.Var().Id(seen).Uint64()
		g.Var().Id(unknown).Id("memberNames")
		g.For().BlockFunc(func(g *jen.Group) {
			g.List(jen.Id("name"), jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("nextField").Call()
			g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), labelled(jen.Err(), prefix)))
			g.If(jen.Op("!").Id("ok")).Block(jen.Break())
			g.Switch(jen.String().Call(jen.Id("name"))).BlockFunc(func(sw *jen.Group) {
				var order []string
				groups := map[string][]leaf{}
				for _, l := range ls {
					k := l.path[depth]
					if _, ok := groups[k]; !ok {
						order = append(order, k)
					}
					groups[k] = append(groups[k], l)
				}
				for bit, k := range order {
					sw.Case(jen.Lit(k)).BlockFunc(func(cg *jen.Group) {
						cg.Add(fail(jen.Id("claimMember").Call(jen.Op("&").Id("d"), jen.Lit(k), jen.Op("&").Id(seen), jen.Lit(1).Op("<<").Lit(bit))))
						var here, deeper []leaf
						for _, l := range groups[k] {
							if len(l.path) == depth+1 {
								here = append(here, l)
							} else {
								deeper = append(deeper, l)
							}
						}
						if len(here) > 0 {
							here[0].read(cg)
							return
						}
						cg.If(jen.Id("d").Dot("consumeNull").Call()).Block(jen.Continue())
						walk(cg, deeper, depth+1)
					})
				}
				sw.Default().Block(fail(jen.Id("skipMember").Call(jen.Op("&").Id("d"), jen.Op("&").Id(unknown), jen.Id("name"))))
			})
		})
		if depth == 0 {
			// Without its items a page is not a page: an empty list would
			// hide a renamed member or an answer of another shape.
			g.If(jen.Id(seen).Op("&").Lit(1).Op("==").Lit(0)).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("d").Dot("errRequired").Call(jen.Lit(items))))
		}
	}
	f.Commentf("%s decodes one page body with its items in %q, each read with read.", name, items)
	f.Comment("Not inlined, as fetchItems.")
	f.Comment("")
	f.Comment("//go:noinline")
	f.Func().Id(name).Types(jen.Id("T").Any()).Params(jen.Id("data").Index().Byte(), jen.Id("read").Func().Params(jen.Op("*").Id("decoder")).Params(jen.Id("T"), jen.Error())).Params(jen.Id("items").Index().Add(elem), jen.Id("info").Id("pageInfo"), jen.Err().Error()).BlockFunc(func(g *jen.Group) {
		g.Var().Id("d").Id("decoder")
		g.Id("d").Dot("reset").Call(jen.Id("data"))
		if pg.MetaType != "" {
			g.Var().Id("meta").Id(pg.MetaType)
			g.Defer().Func().Params().Block(jen.Id("info").Dot("envelopeMeta").Op("=").Id("meta")).Call()
		}
		walk(g, leaves, 0)
		if mf := totalPagesMeta; mf != nil {
			g.If(jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").Id("meta").Dot(mf.Name).Dot("Get").Call(), jen.Id("ok")).Block(
				jen.Id("info").Dot("totalPages").Op("=").Id("Some").Call(jen.Int64().Call(jen.Id("n"))),
			)
		}
		g.Return(jen.Id("items"), jen.Id("info"), jen.Id("d").Dot("end").Call())
	})
	f.Line()
}

// optionalMeta returns the reader of one page metadata member into the
// field of the local meta: null leaves it not set, a value of another type
// is an error at the member's JSON path.
func optionalMeta(mf *ir.PageField, labelled func(jen.Code, []string) jen.Code) func(g *jen.Group) {
	return func(g *jen.Group) {
		g.If(jen.Op("!").Id("d").Dot("consumeNull").Call()).Block(
			jen.List(jen.Id("v"), jen.Err()).Op(":=").Add(scalarDecodeFunc(mf.Type)).Call(jen.Op("&").Id("d")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), labelled(jen.Err(), mf.Path))),
			jen.Id("meta").Dot(mf.Name).Op("=").Id("Some").Call(jen.Id("v")),
		)
	}
}

// scalarDecodeFunc is decodeFunc for the scalar types of page metadata,
// which are support Decoder methods and need no helper.
func scalarDecodeFunc(t *ir.Type) jen.Code {
	return (&jsonGen{}).decodeFunc(t)
}

// pageMeta emits the struct of page metadata and Page's Meta method.
func (c *clientGen) pageMeta() {
	f, pg := c.f, c.p.API.Pagination
	if pg == nil || pg.MetaType == "" {
		return
	}
	fcomment(f, []string{
		fmt.Sprintf("%s is what a page's envelope says besides its items and the way to the next page.", pg.MetaType),
		"A field is not set when the page omits its member or sends null.",
	})
	f.Type().Id(pg.MetaType).StructFunc(func(g *jen.Group) {
		for i, mf := range pg.Metadata {
			if i > 0 {
				g.Line()
			}
			lines := ir.DocLines(mf.Doc)
			lines = append(lines, "", fmt.Sprintf("The member %s of the page.", strings.Join(mf.Path, ".")))
			comment(g, lines)
			g.Id(mf.Name).Id("Optional").Types(goType(mf.Type))
		}
	})
	f.Line()
	f.Commentf("Meta returns what the page's envelope says besides its items (see %s).", pg.MetaType)
	f.Func().Params(jen.Id("p").Op("*").Id("Page").Types(jen.Id("T"))).Id("Meta").Params().Id(pg.MetaType).Block(
		jen.If(jen.Id("p").Op("==").Nil()).Block(jen.Return(jen.Id(pg.MetaType).Values())),
		jen.List(jen.Id("m"), jen.Id("_")).Op(":=").Id("p").Dot("meta").Assert(jen.Id(pg.MetaType)),
		jen.Return(jen.Id("m")),
	)
	f.Line()
}

// continuations emits the Client methods that continue expanded
// relationship arrays from their next links.
func (c *clientGen) continuations() {
	f := c.f
	conts := c.p.API.Continuations
	if len(conts) == 0 {
		return
	}
	recv := jen.Id("c").Op("*").Id("Client")
	ctx := jen.Id("ctx").Qual("context", "Context")
	f.Comment("continueCall is the call of the page an expanded collection's next link leads to,")
	f.Comment("nil when the link is not set. Like every next link, it is followed only on the")
	f.Comment("base URL's scheme and host.")
	f.Func().Params(recv).Id("continueCall").Params(jen.Id("link").Id("Optional").Types(jen.String())).Params(jen.Op("*").Id("httpCall"), jen.Error()).Block(
		jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Id("link").Dot("Get").Call(),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Nil(), jen.Nil())),
		jen.List(jen.Id("u"), jen.Err()).Op(":=").Id("c").Dot("transport").Dot("Next").Call(jen.Id("s")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Op("&").Id("httpCall").Values(jen.Dict{
			jen.Id("Method"): jen.Lit("GET"), jen.Id("URL"): jen.Id("u"), jen.Id("Retryable"): jen.True(),
		}), jen.Nil()),
	)
	f.Line()
	for _, ct := range conts {
		elem := goType(ct.Elem)
		owner := jen.Id("v").Op("*").Id(ct.Owner.Name)
		link := jen.Id("v").Dot(ct.Link.Name)
		fcomment(f, []string{
			fmt.Sprintf("%s iterates over the rest of v.%s: the items of the page v.%s leads to and of the pages after it. It yields nothing when the link is not set (the array arrived whole).", ct.Name, ct.Relationship.Name, ct.Link.Name),
			"",
			"A link off the client's base URL scheme and host yields *ForeignURLError, with nothing sent. The iterator starts no goroutine; it stops when the loop breaks, when ctx ends, or after yielding an error.",
		})
		f.Func().Params(recv).Id(ct.Name).Params(ctx, owner).Qual("iter", "Seq2").Types(elem, jen.Error()).Block(
			jen.List(jen.Id("call"), jen.Err()).Op(":=").Id("c").Dot("continueCall").Call(link),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(elem, jen.Error()).Bool()).Block(
				jen.Var().Id("zero").Add(elem),
				jen.Id("yield").Call(jen.Id("zero"), jen.Err()),
			))),
			jen.Return(jen.Id("paginate").Call(jen.Id("ctx"), jen.Id("call"), jen.Id("c").Dot(ct.FetchName))),
		)
		f.Line()
		f.Commentf("%s fetches the page v.%s leads to; follow with the page's Next method. It returns nil and no error when the link is not set.", ct.PageName, ct.Link.Name)
		f.Func().Params(recv).Id(ct.PageName).Params(ctx, owner).Params(jen.Op("*").Id("Page").Types(elem), jen.Error()).Block(
			jen.List(jen.Id("call"), jen.Err()).Op(":=").Id("c").Dot("continueCall").Call(link),
			jen.If(jen.Err().Op("!=").Nil().Op("||").Id("call").Op("==").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("fetchPage").Call(jen.Id("ctx"), jen.Id("call"), jen.Id("c").Dot(ct.FetchName))),
		)
		f.Line()
		f.Commentf("%s fetches one page continuing %s.%s and the call of the page after it.", ct.FetchName, ct.Owner.Name, ct.Relationship.Name)
		f.Func().Params(recv).Id(ct.FetchName).Params(ctx, jen.Id("call").Op("*").Id("httpCall")).Params(jen.Index().Add(elem), jen.Op("*").Id("httpCall"), jen.Any(), jen.Error()).Block(
			jen.Return(jen.Id("fetchItems").Call(jen.Id("ctx"), jen.Id("c").Dot("transport"), jen.Id("call"), jen.Id(ct.PageReader.Name).Types(elem), elemReader(ct.Elem))),
		)
		f.Line()
	}
}

// elemReader returns the reader of one element of a relationship array: a
// func(*Decoder) (T, error) for the array's element type.
func elemReader(t *ir.Type) jen.Code {
	switch {
	case t.Kind == ir.InterfaceRef:
		return jen.Id(t.Interface.Decoder)
	case t.Import != nil:
		return jen.Id("readImported").Types(structIdent(t.Struct))
	case t.Pointer:
		return readPointerFunc(t.Struct.Name)
	}
	return jen.Func().Params(jen.Id("d").Op("*").Id("decoder")).Params(jen.Id("v").Id(t.Struct.Name), jen.Err().Error()).Block(
		jen.Err().Op("=").Id("v").Dot("readJSON").Call(jen.Id("d")),
		jen.Return(jen.Id("v"), jen.Err()),
	)
}
