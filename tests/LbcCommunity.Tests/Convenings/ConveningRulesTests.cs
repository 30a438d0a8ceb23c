using LbcCommunity.Convenings;
using LbcCommunity.Errors;

namespace LbcCommunity.Tests.Convenings;

public sealed class ConveningRulesTests
{
    private static readonly Convening Convening = new()
    {
        Id = "november-day",
        Title = "November learning day",
        OwnerKind = ConveningOwnerKind.Team,
        OwnerId = "cafe",
        Agenda =
        [
            new AgendaItem { Id = "item-1", Kind = ActivityKind.ConsensusBuilding, Title = "Agree the plan" },
            new AgendaItem { Id = "item-2", Kind = ActivityKind.WorldCafe, Title = "World Café" },
        ],
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void An_activitys_action_is_taken_only_while_it_is_the_item_under_way()
    {
        ConveningRules.RequireActive(Convening, "item-1", ActivityKind.ConsensusBuilding);

        Assert.Equal(ErrorCodes.ActivityNotActive, Refused(() => ConveningRules.RequireActive(Convening, "item-2", ActivityKind.ConsensusBuilding)).Code);
        Assert.Equal(ErrorCodes.ActivityNotActive, Refused(() => ConveningRules.RequireActive(Convening, null, ActivityKind.ConsensusBuilding)).Code);
        Assert.Equal(ErrorCodes.ActivityNotActive, Refused(() => ConveningRules.RequireActive(Convening, "item-9", ActivityKind.WorldCafe)).Code);
    }

    [Fact]
    public void The_facilitator_moves_the_room_to_an_item_of_the_agenda()
    {
        Assert.Equal(ActivityKind.WorldCafe, ConveningRules.AgendaItem(Convening, "item-2").Kind);
        var refused = Refused(() => ConveningRules.AgendaItem(Convening, "item-3"));
        Assert.Equal(("agendaItemId", ErrorCodes.Invalid), (Assert.Single(refused.Errors.Keys), refused.Code));
    }

    [Fact]
    public void A_refusal_is_invalid_unless_it_names_a_more_precise_code()
    {
        Assert.Equal(ErrorCodes.Invalid, ConveningRules.Refused("round", "No.").Code);
        Assert.Equal(ErrorCodes.RoundClosed, ConveningRules.Refused("round", "No.", ErrorCodes.RoundClosed).Code);
    }

    private static DomainValidationException Refused(Action step) => Assert.Throws<DomainValidationException>(step);
}
