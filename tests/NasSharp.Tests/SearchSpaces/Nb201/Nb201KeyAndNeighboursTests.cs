using NasSharp.SearchSpaces;
using NasSharp.SearchSpaces.Nb201;

namespace NasSharp.Tests.SearchSpaces.Nb201;

public class Nb201KeyAndNeighboursTests
{
    private readonly ISearchSpace space = new Nb201Space();

    [Fact]
    public void Key_is_the_isomorphism_key_and_makes_6466_classes()
    {
        var all = space.Enumerate()!;
        Assert.Equal(Nb201Space.Enumerate().Select(c => c.ToString()), all);
        Assert.Equal(Nb201Space.Enumerate().Select(c => c.IsomorphismKey()), all.Select(space.Key));
        Assert.Equal(6466, all.Select(space.Key).Distinct().Count());
    }

    [Fact]
    public void Enumeration_is_read_only()
    {
        var all = space.Enumerate()!;
        Assert.True(((ICollection<string>)all).IsReadOnly);
        Assert.Same(all, space.Enumerate());
    }

    [Fact]
    public void Neighbours_are_every_other_key_at_one_changed_edge_first_move_first()
    {
        var cells = Nb201Space.Enumerate().ToArray();
        for (int c = 0; c < cells.Length; c += 50)
        {
            var ops = cells[c].OperationIndices;
            string own = cells[c].IsomorphismKey();
            // Brute force: every cell of the space differing in exactly one edge, in (edge, new op) order.
            var expected = cells
                .Select(other => (Cell: other, Diff: Enumerable.Range(0, 6).Where(e => other.OperationIndices[e] != ops[e]).ToArray()))
                .Where(x => x.Diff.Length == 1)
                .OrderBy(x => x.Diff[0]).ThenBy(x => x.Cell.OperationIndices[x.Diff[0]])
                .Select(x => x.Cell)
                .Where(x => x.IsomorphismKey() != own)
                .DistinctBy(x => x.IsomorphismKey())
                .Select(x => x.ToString());
            Assert.Equal(expected, space.Neighbours(cells[c].ToString()));
        }
    }

    [Fact]
    public void A_cell_without_dead_edges_has_24_neighbours_and_a_dead_edge_adds_none()
    {
        const string allConv = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|";
        Assert.Equal(24, space.Neighbours(allConv).Count);
        // Node 1 feeds nothing: the 4 changes of edge 0→1 keep the key.
        const string dead = "|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|nor_conv_3x3~2|";
        var neighbours = space.Neighbours(dead);
        Assert.DoesNotContain(neighbours, n => Nb201Cell.Parse(n).OperationIndices[0] != 3);
        Assert.DoesNotContain(space.Key(dead), neighbours.Select(space.Key));
    }

    [Fact]
    public void Mutate_lands_in_the_neighbours_or_on_its_own_key()
    {
        var rng = new Random(5);
        for (int i = 0; i < 300; i++)
        {
            string arch = space.Sample(rng), mutated = space.Mutate(arch, rng);
            var allowed = space.Neighbours(arch).Select(space.Key).Append(space.Key(arch));
            Assert.Contains(space.Key(mutated), allowed);
        }
    }
}
