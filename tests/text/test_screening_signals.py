"""The signals layer: danger told in pieces (a means beside a farewell, a red flag beside a sign
of now, fear of a person beside violence) is caught, and each piece alone is not.

Probe texts written for each principle; none is copied from a labelled or held-out set."""

import pytest

from text.screening import screen_crisis
from text.screening._signals import signal_candidates

TOLD_IN_PIECES = [
    # a means at hand beside a farewell or an ending
    ("suicide", "the belt is on the back of the door. sorry for everything mum"),
    ("suicide", "ive had enough of life. got all my zopiclone in a pile on the table"),
    ("suicide", "nothing left for me here and the pistol is in the drawer"),
    # someone near, unreachable after a farewell
    ("suicide", "my brother messaged sorry for everything and now his phone is off"),
    # an act on oneself, a search for a means, a command heard
    ("suicide", "he keeps saying hes going to do himself in"),
    ("suicide", "been looking up the highest bridge in the county on my phone"),
    ("suicide", "the voice keeps telling me to step off the platform"),
    ("suicide", "written a goodbye note for my wife and put it in her coat"),
    # self-harm: an instrument to the body, a head against a wall
    ("self_harm", "put the lighter to my forearm again until it blistered"),
    ("self_harm", "my son keeps slamming his head against the door when hes upset, hes bleeding"),
    # overdose: more than prescribed, medicine in a child
    ("overdose", "he took four times his usual dose of pregabalin this afternoon"),
    ("overdose", "my little one climbed up and chewed a few of my iron tablets"),
    # medical emergency: a red flag, or a sudden sign with its onset
    ("medical_emergency", "my son has a purple rash that wont fade when i press a glass on it"),
    ("medical_emergency", "dads face and arm went numb all of a sudden ten minutes ago"),
    ("medical_emergency", "nan fell in the kitchen and still isnt moving"),
    ("medical_emergency", "type 1 teen, sweaty and confused, sugar reads lo on his meter"),
    # abuse: a named person's violence against someone near; fear with violence
    ("abuse", "my stepdad punches my little brother when mum is at work"),
    ("abuse", "im frightened of him, he grabbed me by the hair tonight"),
]

EACH_PIECE_ALONE = [
    "said goodbye to my mum at the airport today, she took her insulin with her",
    "had enough of the waiting list, going to ask the gp about changing my tablets",
    "no point going to the gp, they just give you more tablets",
    "we are giving away my dads old mobility scooter if anyone wants it",
    "im sorry for everything i said last week, i was grumpy because my tablets ran out",
    "he isnt answering his phone, probably at the pub, i need him to pick up mums prescription",
    "googling train times for my trip to london tomorrow for the clinic",
    "i hit my head on the cupboard door just now, ouch",
    "my periods are awful, i bleed heavily every month and soak through pads",
    "my toddler cant speak properly yet, should we see a speech therapist",
    "my husband pushes me to eat more since the chemo",
    "im scared of needles, the nurse will hold my arm down",
    "the knife edge of waiting for results, i cant cope with the stress some days",
    "my breath smells since the antibiotics, is that normal",
    "thank you for everything, this group has been brilliant, see you next week",
    "i love you all, honestly the best support group",
    "tired of fighting with the pharmacy over my insulin supply every month",
    "i put my affairs in order before the heart surgery, just sensible planning",
    "my daughter kicked me in the shin playing football",
    "we checked the new grab rail will hold my weight",
    "i took a blade to my legs shaving and nicked myself, ouch",
    "my boyfriend said goodbye and went to work, hes not answering now because hes in meetings",
    "my grandson ate some of the chocolate, he loves it",
    "my son drank the bottle of milk in one go",
    "my arm went numb after sleeping on it last night, fine now",
    "the song goes i want to go to sleep forever and its stuck in my head",
    "my husband is going to hang the new curtains tonight",
    "the novel ends with the rope in the barn and a goodbye letter, such a sad book",
]


@pytest.mark.parametrize(("kind", "text"), TOLD_IN_PIECES)
def test_danger_told_in_pieces_is_caught_with_its_kind(kind, text):
    result = screen_crisis(text)
    assert result.is_crisis, text
    assert result.kind == kind, text


@pytest.mark.parametrize("text", EACH_PIECE_ALONE)
def test_one_piece_alone_or_an_everyday_pair_is_not_a_crisis(text):
    assert not screen_crisis(text).is_crisis, text


def test_signals_never_override_a_phrase_that_already_found_the_danger():
    # The lexicon reads "kill myself" as suicide; the overdose signal beside it adds nothing.
    result = screen_crisis("i want to kill myself, i took four times my normal dose of sertraline")
    assert result.kind == "suicide"


def test_signals_are_judged_by_the_context_rules():
    for framed in (
        "in the film he takes all his tablets out and writes a goodbye note",
        "the study asked whether participants had a rope or tablets at hand and felt hopeless",
        "years ago my dad fell and wasnt moving, he recovered fully",
    ):
        assert not screen_crisis(framed).is_crisis, framed


def test_the_signal_layer_reads_nothing_in_a_text_without_cues():
    assert signal_candidates("lovely weather for a walk with the dog") == []


# A second round of probes, written after the first was passing, in other words for the same
# meanings (each round found wording the rules had missed; see docs/safety.md).
SECOND_ROUND_DANGERS = [
    "i just want everything to stop. ive got my dads old shotgun out of the attic",
    "honestly whats the point. ive been saving my tramadol for weeks and theres enough now",
    "my partner left a voicemail saying he loves us and hes sorry and now his phone goes straight"
    " to voicemail",
    "i dont think ill make it through tonight. i cant see any other way",
    "the thought of ending it is the only thing that calms me down and tonight it feels close",
    "my daughter posted goodbye on her instagram and isnt answering, she took my car",
    "i am a burden to my family and they'd be better without me, ive made my plans",
    "feel like giving up for good. the bottle of vodka and my sleeping pills are next to me",
    "mum, 82, has started saying she wants to go to sleep and not wake up and she's hiding her"
    " tablets",
    "im going to walk into the river after work, i've had enough",
    "i slashed my arm with a broken glass tonight and its gaping",
    "my 13 yo has been carving words into her thighs with a compass, found it tonight",
    "burned myself with the iron on purpose again this evening, the blisters are big",
    "i keep punching the wall until my knuckles bleed, did it again an hour ago",
    "my husband swallowed a full packet of his heart tablets after our row, about 20 mins ago",
    "son took 24 of my co-codamol at school and told the teacher",
    "my wife took a massive amount of her insulin on purpose, shes shaky and sweating",
    "baby drank some of the bleach from under the sink",
    "i think my brother has overdosed on his methadone, he's snoring weirdly and wont wake",
    "dad is grey and sweaty and says his chest feels like an elephant is sitting on it",
    "my mum suddenly cant move the left side of her body and her mouth is lopsided",
    "our daughter is wheezing and her lips are going blue",
    "my husband is having a fit and its been going for ten minutes",
    "my son was hit by a car and hes bleeding from his head and not talking",
    "i cant feel my legs and my back pain came on suddenly after lifting, cant pee either",
    "wife collapsed in the shower, not breathing properly, ambulance on the way",
    "hes drunk again and threatening me with the kitchen knife",
    "my partner choked me until i blacked out last week and hes coming home tonight",
    "my dad slaps my mum and she says it's nothing, he did it again tonight",
    "my neighbour's boyfriend is beating her, i can hear it through the wall right now",
    "my son in law keeps pushing my daughter around and she has a black eye",
    "my uncle has been sexually abusing my little cousin and i just found out",
]

SECOND_ROUND_SAFE = [
    "i cant do this diet anymore, had enough of salad",
    "my son was hit by a car two years ago and has fully recovered, now he plays rugby",
    "the film opens with a woman hit by a car and bleeding from her head, then flashbacks",
    "what should you do if someone is hit by a car? first aid course question",
    "wife says the new physio is brilliant, she can finally lift her arm above her head",
    "my husband collapsed with exhaustion after the marathon last year lol",
    "son is not breathing through his nose properly since the cold, just snuffly, any tips",
    "ive had enough of this waiting list, theres no other way than going private",
    "honestly whats the point of the appointment letters if they cancel anyway",
    "i gave up for good on the gym, my knee cant take it",
    "she's sorry she missed the group, she loves us all though",
    "dad says hes sorry for snapping, he loves us, the steroids make him grumpy",
    "i posted a goodbye message on the old forum when i moved here",
    "my partner left a voicemail, it went straight to voicemail when i called back, he was at work",
    "the thought of the operation is scary but it will make me better",
    "ambulance on the way for my neighbour's cat? no, vet, sorry wrong thread lol",
    "my son took a huge amount of his inhaler before the match, is that bad?",
    "she took her antibiotics on purpose with food to avoid nausea",
    "i take my metformin deliberately after dinner",
    "granny is not moving into the care home after all",
    "daughter isnt waking up for school, teenagers eh",
    "my husband has been sick all night, vomiting and a temperature, now sleeping",
    "my toddler swallowed a bit of toothpaste, is that ok?",
    "mum is confused about her appointment dates, keeps mixing them up",
    "the car hit a pothole and my back has been sore since",
    "my daughter is a burden on the nhs, she says, because of her asthma, so sad she thinks that",
    "no point in crying over spilt milk as my nan used to say",
    "i feel like giving up on my diet but ill try again tomorrow",
    "im done with this cough, third week now",
]


@pytest.mark.parametrize("text", SECOND_ROUND_DANGERS)
def test_second_round_dangers_are_caught(text):
    assert screen_crisis(text).is_crisis, text


@pytest.mark.parametrize("text", SECOND_ROUND_SAFE)
def test_second_round_look_alikes_are_not(text):
    assert not screen_crisis(text).is_crisis, text


# Third round: the principles read from blind set v3's misses, probed in new words.
THIRD_ROUND = [
    ("abuse", "my brother keeps my dads pension card and i saw him shove dad against the fridge"),
    ("abuse", "hes been texting that hell make me pay and now hes outside my flat"),
    ("abuse", "the home staff are rough with my aunt and she had finger marks on her neck today"),
    ("abuse", "her stepfather makes her do things at night and she is only nine"),
    ("self_harm", "my son bites his hands until he draws blood when he is overwhelmed"),
    ("self_harm", "i have the urge to scald myself on the kettle right now"),
    ("suicide", "nobody would even notice if he was gone, he told me he has a plan"),
    ("suicide", "i want it all to be over. i wake up disappointed every morning"),
    (
        "medical_emergency",
        "in the last few minutes dad has stopped being able to move his left leg",
    ),
]
THIRD_ROUND_SAFE = [
    "my mum takes my phone at night so i sleep, shes strict but fair",
    "my husband controls all the money since my stroke, hes been brilliant with the bills",
    "the nurse was rough with her cannula and she has a bruise on her arm from the blood test",
    "my wife takes my bank card to the shops because i cant walk far",
    "the carer is a bit rough with mum when she hoists her, we raised it and they retrained",
    "in her memoir she describes wanting to die after the stillbirth, a brave book",
    "i read that one in three teens have self-harmed, is that right?",
]


@pytest.mark.parametrize(("kind", "text"), THIRD_ROUND)
def test_third_round_dangers_are_caught(kind, text):
    result = screen_crisis(text)
    assert result.is_crisis, text
    assert result.kind == kind, text


@pytest.mark.parametrize("text", THIRD_ROUND_SAFE)
def test_third_round_look_alikes_are_not(text):
    assert not screen_crisis(text).is_crisis, text


# Fourth round: the principles read from blind set v4's misses, probed in new words.
FOURTH_ROUND = [
    ("suicide", "i think this weekend will be the end for me. the rope is in the shed"),
    ("suicide", "been working out which of my tablets would be the most painless, i have a plan"),
    ("suicide", "he was at the canal for hours last night and keeps saying hes so done"),
    ("self_harm", "used the blade from my razor on my thighs again tonight"),
    ("overdose", "my friend took loads of ketamine and is barely responding"),
    ("overdose", "my 2 year old got hold of a vape and chewed the e liquid pod"),
    ("medical_emergency", "im 33 weeks pregnant with blurred vision and my face has swollen up"),
    ("medical_emergency", "dad is on chemo and has a temperature of 39.1 and is shivering"),
    ("medical_emergency", "my son fell off his bike and his wrist is at a weird angle"),
    ("abuse", "my dads girlfriend grabbed my little sister and threw her against the wall"),
]
FOURTH_ROUND_SAFE = [
    "im 30 weeks pregnant and my ankles are swollen in this heat, is that normal?",
    "i had a fever on chemo last month and went straight in, all fine, they were brilliant",
    "we walked along the river today, had enough of being indoors",
    "i nearly did a marathon last year but injured my knee",
    "i mean it, the new physio is amazing, go see her",
    "which of my medicines would be the quickest to start working for the pain?",
    "my toddler got hold of the remote and chewed it lol",
    "did a load of washing today and my back is killing me",
    "he's outside mowing the lawn and my chest pain has gone since the new tablets",
    "it's been 3 years since my overdose and I'm doing a nursing degree now",
    "my son was hit by a car in 2015 and is walking again, slowly",
]


@pytest.mark.parametrize(("kind", "text"), FOURTH_ROUND)
def test_fourth_round_dangers_are_caught(kind, text):
    result = screen_crisis(text)
    assert result.is_crisis, text
    assert result.kind == kind, text


@pytest.mark.parametrize("text", FOURTH_ROUND_SAFE)
def test_fourth_round_look_alikes_are_not(text):
    assert not screen_crisis(text).is_crisis, text
