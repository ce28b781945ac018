package generator

import (
	"fmt"

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
	f.Func().Params(recv).Id(fetchName).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("call").Op("*").Id("httpCall")).Params(jen.Index().Add(elem), jen.Op("*").Id("httpCall"), jen.Error()).Block(
		jen.Return(jen.Id("fetchItems").Call(jen.Id("ctx"), jen.Id("c").Dot("transport"), jen.Id("call"), jen.Id(m.Response.PageReader.Name).Types(elem), itemReader(m.Response))),
	)
	f.Line()
}

// itemReader returns the reader of one list item: a func(*Decoder) (T, error).
func itemReader(resp *ir.Response) jen.Code {
	if resp.Type.Kind == ir.InterfaceRef {
		return jen.Id(resp.Type.Interface.Decoder)
	}
	return jen.Id("readObjectPointer").Types(jen.Id(resp.Struct.Name))
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
	f.Comment("items with read, and builds the call of the page after it (nil on the last).")
	f.Func().Id("fetchItems").Types(t.Clone().Any()).Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("t").Op("*").Id("httpTransport"), jen.Id("call").Op("*").Id("httpCall"),
		jen.Id("readPage").Func().Params(jen.Index().Byte(), jen.Func().Params(jen.Op("*").Id("Decoder")).Params(t.Clone(), jen.Error())).Params(jen.Index().Add(t.Clone()), jen.Id("pageInfo"), jen.Error()),
		jen.Id("read").Func().Params(jen.Op("*").Id("Decoder")).Params(t.Clone(), jen.Error()),
	).Params(jen.Index().Add(t.Clone()), jen.Op("*").Id("httpCall"), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.List(jen.Id("resp"), jen.Err()).Op(":=").Id("t").Dot("Do").Call(jen.Id("ctx"), jen.Id("call"))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err()))
		g.If(jen.Id("emptyBody").Call(jen.Id("resp").Dot("Body"))).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Op("&").Id("EmptyResponseError").Values(jen.Dict{jen.Id("StatusCode"): jen.Id("resp").Dot("StatusCode")})))
		g.List(jen.Id("items"), jen.Id("info"), jen.Err()).Op(":=").Id("readPage").Call(jen.Id("resp").Dot("Body"), jen.Id("read"))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Nil(), jen.Err()))
		switch pg.Style {
		case ir.PaginationNextLink:
			g.If(jen.Id("info").Dot("next").Op("==").Lit("")).Block(jen.Return(jen.Id("items"), jen.Nil(), jen.Nil()))
			g.List(jen.Id("u"), jen.Err()).Op(":=").Id("t").Dot("Next").Call(jen.Id("info").Dot("next"))
			g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("items"), jen.Nil(), jen.Err()))
			g.Return(jen.Id("items"), jen.Op("&").Id("httpCall").Values(jen.Dict{
				jen.Id("Method"): jen.Lit("GET"), jen.Id("URL"): jen.Id("u"), jen.Id("Retryable"): jen.True(),
			}), jen.Nil())
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
			g.If(jen.Op("!").Id("more")).Block(jen.Return(jen.Id("items"), jen.Nil(), jen.Nil()))
			g.Id("next").Op(":=").Op("*").Id("call")
			g.Id("next").Dot("Query").Op("=").Qual("maps", "Clone").Call(jen.Id("call").Dot("Query"))
			g.If(jen.Id("next").Dot("Query").Op("==").Nil()).Block(jen.Id("next").Dot("Query").Op("=").Qual("net/url", "Values").Values())
			g.Id("next").Dot("Query").Dot("Set").Call(jen.Lit(pg.PageParam), jen.Qual("strconv", "FormatInt").Call(jen.Id("page").Op("+").Lit(1), jen.Lit(10)))
			g.Return(jen.Id("items"), jen.Op("&").Id("next"), jen.Nil())
		}
	})
	f.Line()
	for _, pr := range c.p.API.PageReaders {
		c.pageDecoder(pr.Name, pr.Items)
	}
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
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("WithField").Call(jen.Id("WithIndex").Call(jen.Err(), jen.Id("i")), jen.Lit(items)))),
			jen.Id("items").Op("=").Append(jen.Id("items"), jen.Id("x")),
		}
		g.If(jen.Err().Op(":=").Id("d").Dot("BeginArray").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("WithField").Call(jen.Err(), jen.Lit(items))))
		g.Id("items").Op("=").Index().Add(elem).Values()
		g.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(append([]jen.Code{
			jen.List(jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("NextElement").Call(),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("WithField").Call(jen.Err(), jen.Lit(items)))),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
		}, decodeOne...)...)
	}})
	// labelled wraps err in the JSON path of the value it is about.
	labelled := func(err jen.Code, path []string) jen.Code {
		for i := len(path) - 1; i >= 0; i-- {
			err = jen.Id("WithField").Call(err, jen.Lit(path[i]))
		}
		return err
	}
	optionalString := func(target string, path []string) func(g *jen.Group) {
		return func(g *jen.Group) {
			g.If(jen.Op("!").Id("d").Dot("ConsumeNull").Call()).Block(
				jen.List(jen.Id("s"), jen.Err()).Op(":=").Id("d").Dot("String").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), labelled(jen.Err(), path))),
				jen.Id("info").Dot(target).Op("=").Id("s"),
			)
		}
	}
	optionalInt := func(target string, path []string) func(g *jen.Group) {
		return func(g *jen.Group) {
			g.If(jen.Op("!").Id("d").Dot("ConsumeNull").Call()).Block(
				jen.List(jen.Id("n"), jen.Err()).Op(":=").Id("d").Dot("Int64").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("info"), labelled(jen.Err(), path))),
				jen.Id("info").Dot(target).Op("=").Id("Some").Call(jen.Id("n")),
			)
		}
	}
	switch pg.Style {
	case ir.PaginationNextLink:
		leaves = append(leaves, leaf{pg.Next, optionalString("next", pg.Next)})
	case ir.PaginationPageNumber:
		if len(pg.TotalPages) > 0 {
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
		g.Add(fail(jen.Id("d").Dot("BeginObject").Call()))
		g.Var().Id(seen).Uint64()
		g.Var().Id(unknown).Id("memberNames")
		g.For().BlockFunc(func(g *jen.Group) {
			g.List(jen.Id("name"), jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("NextField").Call()
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
						cg.If(jen.Id("d").Dot("ConsumeNull").Call()).Block(jen.Continue())
						walk(cg, deeper, depth+1)
					})
				}
				sw.Default().Block(fail(jen.Id("skipMember").Call(jen.Op("&").Id("d"), jen.Op("&").Id(unknown), jen.Id("name"))))
			})
		})
		if depth == 0 {
			// Without its items a page is not a page: an empty list would
			// hide a renamed member or an answer of another shape.
			g.If(jen.Id(seen).Op("&").Lit(1).Op("==").Lit(0)).Block(jen.Return(jen.Nil(), jen.Id("info"), jen.Id("d").Dot("ErrRequired").Call(jen.Lit(items))))
		}
	}
	f.Commentf("%s decodes one page body with its items in %q, each read with read.", name, items)
	f.Func().Id(name).Types(jen.Id("T").Any()).Params(jen.Id("data").Index().Byte(), jen.Id("read").Func().Params(jen.Op("*").Id("Decoder")).Params(jen.Id("T"), jen.Error())).Params(jen.Id("items").Index().Add(elem), jen.Id("info").Id("pageInfo"), jen.Err().Error()).BlockFunc(func(g *jen.Group) {
		g.Var().Id("d").Id("Decoder")
		g.Id("d").Dot("Reset").Call(jen.Id("data"))
		walk(g, leaves, 0)
		g.Return(jen.Id("items"), jen.Id("info"), jen.Id("d").Dot("End").Call())
	})
	f.Line()
}
