"""Assistant voice: text addressed to the person who commissioned it, standing as content.

An item speaks to readers about a story. An assistant's reply speaks to whoever asked for the
text, about the job: the material it was given or not given ("the article you shared", "I only
had the press release"), the writing it will or will not do ("I'd be glad to draft this"),
requests for input ("please paste the full text"), offers ("let me know if you'd like a shorter
version") and its own nature ("as an AI"). So a sentence is in assistant voice when it joins
a speaker or an addressee to the job — not when it merely says "I" (a clinician's commentary
does), "you" (advice to patients does) or "sorry" (quoted patients do). Quoted speech and
blockquotes are masked first.
"""

import bisect
import re

from .base import AI_REFUSAL, TEXT_NOUN, Finding, Result, mask_quotes, sentence_at, sentences

_I = re.IGNORECASE

# The writer speaking: I, me, my, let me (not "phase I", "type I", "grade I" or "I/II").
_SPEAKER = re.compile(
    r"(?<![\w/-])(?<!phase )(?<!type )(?<!grade )(?<!stage )(?<!class )(?<!part )(?<!schedule )"
    r"(?:I(?!/|-|\.\w)(?:'m|'d|'ll|'ve)?|me|my|myself|let me)\b",
)
_ADDRESSEE = re.compile(r"\b(?:you|your|yours|you're|you've|you'd|you'll)\b", _I)

# The job: the material a writer is handed, and the writing done with it.
_MATERIAL = (
    r"(?:full |complete |original |actual |entire |source |whole |rest of the |remaining )?"
    r"(?:text|article|story|piece|summary|abstract|press release|release|paper|excerpt|passage"
    r"|snippet|draft|document|doc|file|attachment|link|url|web ?page|page|transcript|content"
    r"|copy|material|materials|input|prompt|message|request|brief|instructions|notes|headline"
    r"|details|detail|information|info|context|data you|study details|source|publication"
    r"|image|photo|picture|video|audio|recording|description|title|teaser|caption|metadata"
    r"|protocol|supplementary (?:tables|data|material)|results section|pdf|docx|spreadsheet"
    r"|website|web site|database|paywall"
    r"|report)s?"
)
_MATERIAL_RE = re.compile(rf"\b{_MATERIAL}\b", _I)
_STRONG_MATERIAL = re.compile(
    r"\b(?:(?:full|complete|original|actual|entire|source|whole) (?:[\w-]+ )?(?:text"
    r"|article|story|paper|study|piece|document|release|material|report|publication|version)"
    r"|press release"
    r"|abstract|excerpt|snippet"
    r"|passage|transcript|attachment|your (?:message|request|prompt|input|note|brief|draft"
    r"|text|article|summary|instructions|link|file|document|material)|(?:the|this|that) (?:link"
    r"|url|prompt|input|request|message|brief|text (?:you|I|provided|given|supplied|shared)))\b"
    r"|\b(?:article |source |full |original )?(?:text|article|content|summary|document|input"
    r"|abstract|excerpt) (?:was |were |has been |have been |is |are )?(?:provided|given"
    r"|supplied|included|attached|shared|pasted|sent)\b"
    r"|\bno (?:study|paper|report|document|file|link|abstract|text|article)s?"
    r" (?:was |were |is |are )?(?:attached|included|provided|given|supplied|shared|sent|pasted)\b"
    r"|\b(?:pasted|provided|given|supplied|shared|attached|uploaded|forwarded) (?:text|article"
    r"|content|document|material|excerpt|summary|abstract|copy|file|notes|link|url"
    r"|attachment)\b",
    _I,
)
_TASK = re.compile(
    r"\b(?:write|writing|wrote|written|draft|drafting|summari[sz]e|summari[sz]ing|rewrite"
    r"|rewriting|rephrase|paraphrase|produce|create|generate|compose|craft|put together"
    r"|prepare|expand|shorten|condense|tighten|revise|edit|polish|tailor|adjust|tweak|format"
    r"|fill in|flesh out|complete|finish|continue|help|assist|provide|offer|comment"
    r"|drafted|summari[sz]ed|rewritten|revised|prepared|created|put together"
    r"|give you|offer (?:a|an|you)|turn (?:it|this|that) into|work with|go on|go off|base)\b",
    _I,
)
_GIVING = re.compile(
    r"\b(?:provided|provide|shared|share|sent|send|re-?send|pasted|paste|gave|give|given|supplied"
    r"|supply|attached|attach|uploaded|upload|included|include|linked|forward|forwarded"
    r"|mentioned|referenced|specified|clarify|confirm|specify|tell me|let me know)\b",
    _I,
)
_LIMIT = re.compile(
    r"\b(?:can't|cannot|can not|couldn't|could not|unable|not able|don't|do not|didn't|did not"
    r"|haven't|have not|hasn't|wasn't|weren't|doesn't|does not|isn't|is not|aren't|won't"
    r"|no access|only|just|merely|without|lack|lacking|alone|rather than|instead of"
    r"|missing|incomplete|partial|part of|portion of|cuts? (?:off|short)|cutting off|truncated"
    r"|ends? (?:abruptly"
    r"|mid)|stops? (?:abruptly|mid)|appears? to (?:be|end|stop)|seems? to (?:be|end|stop)"
    r"|limited to|not enough|insufficient|unclear|not sure which|no (?:text|article|summary"
    r"|content|details|information|link))\b",
    _I,
)
_READ = re.compile(
    r"\b(?:see|saw|seen|read|access|accessed|open|opened|view|viewed|browse|retrieve|load"
    r"|find|found|locate|receive|received|have|had|got|get|given|was given|been given|work from"
    r"|working from|go on|going on|based on|reviewed|look at|looked at|click)\b",
    _I,
)
# Phrases that only a reply to a commissioner contains, on their own.
_ALONE = re.compile(
    r"\bas an? (?:ai|artificial intelligence|large language model|language model|assistant)\b"
    r"|\bi(?:'m| am) (?:just |only )?(?:an? )?(?:ai|language model|virtual assistant|chatbot"
    r"|ai assistant|ai language model)\b"
    r"|\b(?:my|the model's) (?:knowledge|training)(?: data)? (?:cutoff|cut-off|only goes)"
    r"|\b(?:let me know|feel free to (?:ask|reach out|let me|edit|change|adjust|tweak|cut|use"
    r"|modify|shorten|rework|trim|swap)|hope (?:this|that) helps"
    r"|hope (?:this|that|it) (?:works|is (?:ok|okay|fine|useful|helpful|what you)|suits|fits)"
    r"|as you (?:asked|requested|wanted|suggested|specified|instructed))\b"
    # the writer naming itself in the third person
    r"|\bai-generated\b|\bthe (?:model|assistant|ai|language model) (?:did|does|could|was|has"
    r"|had|can)(?:n't| not)\b"
    # "Can't produce a headline": a refusal with its subject left out
    rf"|^[\s*_#>(\[]*(?:can't|cannot|unable to|couldn't|could not) (?:write|produce|create"
    rf"|generate|draft|summari[sz]e|give|provide|suggest)\b"
    r"|\b(?:do|would) you (?:also )?(?:want|like|need) (?:me to|a|an|another|more|some)\b"
    rf"[^.!?\n]{{0,40}}\b(?:{TEXT_NOUN}|questions?|faq entry|entries)\b"
    r"|\b(?:let me know|feel free to (?:ask|reach out|let me)|hope (?:this|that) helps"
    r"|happy to (?:help|adjust|revise|expand|assist|tweak)|glad to (?:help|adjust|revise"
    r"|expand|assist)|would you like me to|do you want me to|shall i|should i (?:write"
    r"|expand|shorten|draft|include|add|focus)|want me to)\b"
    r"|\bif you(?:'d| would)? like,? (?:i|me)\b|\bi can (?:also )?(?:cut (?:it|this|that|down)"
    r"|trim (?:it|this)|condense|rework|reword|rephrase|simplify|split|tone (?:it|this) down"
    r"|make|write|draft|add"
    r"|expand|shorten|provide|include|tailor|adjust|revise|rewrite|create|prepare|put)\b"
    r"|\b(?:once|when|if|after) you (?:can |could |please )?(?:send|share|provide|paste"
    r"|upload|give|attach|supply|forward|clarify|confirm|specify|let me)\b"
    r"|\b(?:could|can|would|will) you (?:please |kindly )?(?:re-?send|re-?share|send|share"
    r"|provide|paste|upload"
    r"|give me|attach|supply|forward|clarify|confirm|specify|tell me|let me know|point me)\b"
    r"|\bplease (?:send|share|provide|paste|upload|attach|supply|forward|clarify|confirm"
    r"|specify|give me|let me know)\b[^.!?\n]{0,60}\b(?:me|us|text|article|summary|details"
    r"|information|link|source|content|paper|study|release|abstract|which|what|more"
    r"|description|title|headline|blurb|context|paragraph|draft|results|data|numbers|table"
    r"|figures)\b"
    r"|\bso (?:that )?i (?:can|could|may) (?:write|draft|list|summari[sz]e|finish|complete|add"
    r"|include|produce|create|turn|update|expand|work|check the|get started)\b"
    r"|\bi(?:'d| would)? need (?:the|more|a|an|some|you|access|to see|to read|to know"
    r"|to have|further|additional)\b"
    # Only a commissioner has readers, an outlet and a brief; only a chat has earlier turns.
    r"|\byour (?:readers|readership|audience|newsletter|publication|outlet|editor|brief"
    r"|site's readers|target readers)\b"
    r"|\b(?:my|the) (?:earlier|previous|last|above|first|original) (?:reply|response|answer"
    r"|message|attempt)\b"
    r"|\b(?:tell me|let me know|advise me) (?:if|whether|what|which|how|when)\b"
    r"|\byour (?:layout|template|style guide|house style|word count|word limit|cms|page design)\b"
    # An offer with no subject but the writer: "Happy to rework this if it runs long."
    r"|^[\s*_#>]*(?:happy|glad|willing|pleased) to\b|\bi(?:'d| would) be (?:happy|glad|willing"
    r"|pleased) to\b"
    # Thanks for what the commissioner sent.
    r"|\bthanks?(?: you)? for (?:sharing|sending|providing|forwarding|clarifying|the (?:extra "
    r"|additional |further )?(?:context|details|information|clarification|feedback|notes|text"
    r"|article|brief)|your (?:message|note|feedback|patience|request|brief|notes))\b"
    # A promise to write a piece: "I will write the blurb", "I can provide a summary".
    r"|\bi(?:'ll| will| can| could)\s+(?:then\s+|happily\s+|gladly\s+)?(?:write|draft|produce"
    r"|create|compose|prepare|finish|complete|provide|resend)\s+(?:the|a|an|this|that|your|some"
    r"|it|one)\b"
    # The writer with nothing to work on: "I have nothing to summarise yet".
    r"|\bi (?:have|had|'ve got) (?:nothing|no material|no text|too little) to (?:summari[sz]e|write"
    r"|work (?:with|from)|go on|base)\b"
    # A piece the writer wrote before, in a conversation: "the dek I wrote earlier".
    rf"|\b(?:{TEXT_NOUN})s? (?:that )?i (?:wrote|drafted|gave you|suggested|sent|provided)\b"
    # A generator reporting its own failure.
    r"|\b(?:unable|failed|not able) to generate\b|\binput (?:is |was )?missing\b"
    r"|\bi(?:'ll| will) need\b"
    r"|\bas (?:you )?requested\b|\bas per your (?:request|instructions|brief)\b"
    r"|\bi(?:'m| am) not (?:a |your )?(?:doctor|physician|medical professional|healthcare"
    r" professional|clinician)\b"
    r"|\bi hope (?:this|that|the above)\b[^.!?\n]{0,40}\b(?:helps|meets|is (?:helpful|useful"
    r"|what you)|works for you|suits)"
    r"|\bi(?:'ll| will| can| could)\s+(?:then\s+|happily\s+|gladly\s+)?(?:polish|tidy|refine"
    r"|tighten|rewrite|edit|format|expand|shorten|write it up|turn it into|draft|summari[sz]e)\b",
    _I,
)
_OPENER = re.compile(
    r"^[\s*_#>]*(?:certainly|sure|of course|absolutely|okay|ok|got it|understood|great question"
    r"|good question|happy to help|no problem|thanks for (?:sharing|the|your))\b\s*[!,.:—–-]?\s*"
    r"(?:here|i|i'm|i'll|i've|i'd|let me|below|this is|the following)\b"
    # an exclamation of assent opening a field is a reply to a request, whatever follows
    r"|^[\s*_#>]*(?:certainly|sure|of course|absolutely|okay|got it|great|perfect|no problem"
    r"|happy to help)\s*!",
    _I,
)
_PREAMBLE = re.compile(
    r"(?:^|(?<=[.!?,]\s))[\s*_#>]*(?:here(?:'s| is| are)|below (?:is|are))\s+"
    r"(?:a|an|the|your|my|some)?\s*"
    r"(?:[\w-]+\s+){0,4}(?:summary|summaries|draft|version|rewrite|overview|commentary|take"
    r"|paragraph|dek|headline|headlines|title|titles|caption|faq|list|answer|response|options"
    r"|suggestions|bullet points|takeaways|blurb|copy|attempt|revision|standfirst|intro|lede"
    r"|alt text|description|tagline|teaser|subheads?|subheadings?|questions|faqs|text|body"
    r"|piece|content|section|entry|entries)\b[^.!?\n]{0,60}"
    r"(?::|\b(?:you|requested|asked|based on))",
    _I | re.MULTILINE,
)
_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e|apologies|unfortunately|regrettably)\b", _I)
_NOTE = re.compile(r"^[\s*_(\[]*(?:note|n\.b\.|nb|disclaimer)\s*[:—–-]", _I | re.MULTILINE)


# Every reply above names a speaker, an addressee, itself or the material; a sentence naming
# none of them (most of a long body) is skipped with one set look-up per word.
_CUE_WORDS = frozenset(
    """
    i i'm i'd i'll i've me my you your yours you're you've you'd you'll ai assistant model text
    article abstract excerpt release snippet passage transcript attachment link url prompt input
    request message brief summary content document page file paper draft details information
    info source metadata report helps feel sorry apologise apologize unfortunately certainly
    sure here below happy glad thanks thank great unable requested asked hope
    pdf website can't cannot couldn't notes ai-generated
    """.split()  # noqa: SIM905  (a word list reads better as words)
)
_TOKENS = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _has_cue(sentence: str) -> bool:
    return not _CUE_WORDS.isdisjoint(_TOKENS.findall(sentence.lower()))


# The writer talking about its own handling of a part of the item.
_OWN_WRITING = re.compile(
    r"\b(?:i(?:'ve| have)?|i'll|i will|i'd|i would|i could(?:n't| not)?|i can(?:'t|not)?|i was"
    r"(?: not| un)?(?:able to)?|i wasn't able to)\s+(?:\w+\s+)?(?:left|kept|written|wrote|made"
    r"|added|included|omitted|dropped|cut|shortened|trimmed|focused|assumed|guessed|used|verify"
    r"|verified|check|checked|confirm|confirmed|find|found|write|draft|drafted|rewrite|rewrote"
    r"|phrased|worded|simplified|adjusted|change|changed)\s+(?:\w+\s+)?(?:this|the|that|your"
    rf"|each|every|these|those)\s+(?:\w+\s+)?(?:{TEXT_NOUN})s?\b",
    _I,
)
_WORKING_FROM = re.compile(
    r"\b(?:working|going|writing) (?:from|on|off)\b|\bbased (?:only )?on\b", _I
)
_TEXT_NOUN_RE = re.compile(rf"\b(?:{TEXT_NOUN})s?\b", _I)
_ASKS_ABOUT_TEXT = re.compile(
    rf"\b(?:{TEXT_NOUN})s?\b.*\b(?:for you|work for you)\b"
    rf"|\byou (?:want|prefer|like|need)\b.*\b(?:{TEXT_NOUN})s?\b",
    _I,
)


def _is_reply(sentence: str) -> bool:
    if not _has_cue(sentence):
        return False
    if _ALONE.search(sentence) or _OWN_WRITING.search(sentence):
        return True
    speaker = bool(_SPEAKER.search(sentence))
    addressee = bool(_ADDRESSEE.search(sentence))
    material = bool(_MATERIAL_RE.search(sentence))
    strong = bool(_STRONG_MATERIAL.search(sentence))
    limit = bool(_LIMIT.search(sentence))
    if addressee and material and _GIVING.search(sentence):
        return True  # "the article you shared", "send me the text"
    if addressee and material and limit and _WORKING_FROM.search(sentence):
        return True  # "Working from your notes alone, …"
    if addressee and sentence.rstrip().endswith("?") and _ASKS_ABOUT_TEXT.search(sentence):
        return True  # "Would a more neutral dek work better for you?" (FAQs name no dek)
    if speaker and limit and _TASK.search(sentence) and _TEXT_NOUN_RE.search(sentence):
        return True  # "I'm afraid I can't write a dek for a study I haven't seen"
    if speaker and limit and (strong or (material and _READ.search(sentence))):
        return True  # "I can't open the link", "I only had the press release"
    if speaker and limit and material and _TASK.search(sentence):
        return True  # "I'm unable to provide commentary without the study details"
    if speaker and addressee and material and limit:
        return True  # "I can't answer without more context from the article you're writing"
    if speaker and _TASK.search(sentence) and (strong or (addressee and material)):
        return True  # "I'd be glad to draft this once you send the full paper"
    if speaker and _APOLOGY.search(sentence) and limit and (_TASK.search(sentence) or material):
        return True  # "I'm sorry, but I can't help with writing this"
    if (
        strong
        and limit
        and _READ.search(sentence)
        and re.search(
            r"\b(?:could not|couldn't|cannot|can't|unable to|was not able to|wasn't able to)\s+"
            r"(?:\w+\s+)?(?:see|read|access|open|view|load|retrieve|find|get)\b",
            sentence,
            _I,
        )
    ):
        return True  # "…an assistant that could not view the source article"
    if strong and limit and not speaker:
        # "The text provided appears to be cut off", "no article text in your message"
        return bool(
            re.search(
                r"\b(?:provided|given|supplied|shared|your|here|above|below|attached|included"
                r"|sent|pasted|this request|only the)\b",
                sentence,
                _I,
            )
        )
    return False


def check(path: str, value: str, result: Result) -> None:
    masked = mask_quotes(value)
    for pattern in (_OPENER, _PREAMBLE):
        if match := pattern.search(masked):
            result.findings.append(Finding(path, AI_REFUSAL, sentence_at(value, *match.span())))
            return
    lowered = masked.lower()
    cues = [m.start() for m in _TOKENS.finditer(lowered) if m.group() in _CUE_WORDS]
    if not cues:
        return
    previous, previous_start = "", 0
    for start, end in sentences(masked):
        index = bisect.bisect_left(cues, start)
        if index == len(cues) or cues[index] >= end:
            previous = ""
            continue  # no speaker, addressee or material named here
        sentence = masked[start:end]
        noted = bool(_NOTE.match(sentence)) and bool(_SPEAKER.search(sentence))
        if noted or _is_reply(sentence):
            result.findings.append(Finding(path, AI_REFUSAL, value[start:end].strip()))
            return  # one reply is one defect: named by its first sentence that gives it away
        if previous and _is_reply(previous + " " + sentence):  # "Sorry. I can't open it."
            result.findings.append(Finding(path, AI_REFUSAL, value[previous_start:end].strip()))
            return
        previous, previous_start = sentence, start
