"""The helixgraph ontology's terms as IRIs: ``HX.government``, ``HX.sourceGraph``...

Generated from ``ontology/helixgraph.ttl`` by ``make vocab``; a test keeps the two in sync. A
misspelt term is an ``AttributeError`` when the code runs, and mypy's error before. Names that
come from data (a helix in a spreadsheet cell) go through :meth:`HX.term`, which refuses a name
the ontology does not define. Plain strings, no rdflib: the store and its query workers use them.

>>> HX.government
'https://w3id.org/helixgraph/ns#government'
>>> HX.term("goverment")
Traceback (most recent call last):
...
KeyError: "'goverment' is not a term of https://w3id.org/helixgraph/ns#"
"""

from typing import ClassVar, Final


class HX:
    """The namespace ``NS`` and every term the ontology defines, as its full IRI."""

    NS: Final = "https://w3id.org/helixgraph/ns#"
    #: Every term's local name.
    TERMS: ClassVar[frozenset[str]]

    @classmethod
    def term(cls, name: str) -> str:
        """The IRI of the term ``name``; ``KeyError`` if the ontology defines none."""
        if name not in cls.TERMS:
            raise KeyError(f"{name!r} is not a term of {cls.NS}")
        return cls.NS + name

    # Classes
    Cluster: Final = "https://w3id.org/helixgraph/ns#Cluster"  # cluster
    Ecosystem: Final = "https://w3id.org/helixgraph/ns#Ecosystem"  # innovation ecosystem
    Initiative: Final = "https://w3id.org/helixgraph/ns#Initiative"  # initiative
    Project: Final = "https://w3id.org/helixgraph/ns#Project"  # project

    # Concept schemes
    ActivityType: Final = "https://w3id.org/helixgraph/ns#ActivityType"  # CORDIS activity types
    Helix: Final = "https://w3id.org/helixgraph/ns#Helix"  # quadruple helix
    HelixRole: Final = "https://w3id.org/helixgraph/ns#HelixRole"  # ecosystem roles
    Indicator: Final = "https://w3id.org/helixgraph/ns#Indicator"  # ecosystem indicators
    MembershipRole: Final = "https://w3id.org/helixgraph/ns#MembershipRole"  # membership roles
    ProgrammePart: Final = "https://w3id.org/helixgraph/ns#ProgrammePart"  # Horizon 2020 programme parts
    Sector: Final = "https://w3id.org/helixgraph/ns#Sector"  # sectors
    ServiceType: Final = "https://w3id.org/helixgraph/ns#ServiceType"  # service types

    # Properties
    accreditedSince: Final = "https://w3id.org/helixgraph/ns#accreditedSince"  # accredited since
    activityType: Final = "https://w3id.org/helixgraph/ns#activityType"  # activity type
    collaboratesWith: Final = "https://w3id.org/helixgraph/ns#collaboratesWith"  # collaborates with
    country: Final = "https://w3id.org/helixgraph/ns#country"
    declaredMemberCount: Final = "https://w3id.org/helixgraph/ns#declaredMemberCount"  # declared member count
    declinedDefault: Final = "https://w3id.org/helixgraph/ns#declinedDefault"  # declined default data
    euContribution: Final = "https://w3id.org/helixgraph/ns#euContribution"  # EU contribution
    funds: Final = "https://w3id.org/helixgraph/ns#funds"
    illustrative: Final = "https://w3id.org/helixgraph/ns#illustrative"
    importer: Final = "https://w3id.org/helixgraph/ns#importer"
    linkedTo: Final = "https://w3id.org/helixgraph/ns#linkedTo"  # tie
    maxContribution: Final = "https://w3id.org/helixgraph/ns#maxContribution"  # maximum EU contribution
    pendingImport: Final = "https://w3id.org/helixgraph/ns#pendingImport"  # pending import
    pic: Final = "https://w3id.org/helixgraph/ns#pic"  # PIC
    playsRole: Final = "https://w3id.org/helixgraph/ns#playsRole"  # plays role
    primaryHelix: Final = "https://w3id.org/helixgraph/ns#primaryHelix"  # primary helix
    programmePart: Final = "https://w3id.org/helixgraph/ns#programmePart"  # programme part
    providesServiceTo: Final = "https://w3id.org/helixgraph/ns#providesServiceTo"  # provides service to
    rcn: Final = "https://w3id.org/helixgraph/ns#rcn"  # CORDIS record number
    region: Final = "https://w3id.org/helixgraph/ns#region"
    regionByCity: Final = "https://w3id.org/helixgraph/ns#regionByCity"  # region by city
    rowsRead: Final = "https://w3id.org/helixgraph/ns#rowsRead"  # rows read
    rowsRejected: Final = "https://w3id.org/helixgraph/ns#rowsRejected"  # rows rejected
    rowsWritten: Final = "https://w3id.org/helixgraph/ns#rowsWritten"  # rows written
    sector: Final = "https://w3id.org/helixgraph/ns#sector"
    sha256: Final = "https://w3id.org/helixgraph/ns#sha256"  # SHA-256
    since: Final = "https://w3id.org/helixgraph/ns#since"
    sme: Final = "https://w3id.org/helixgraph/ns#sme"  # SME
    sourceFile: Final = "https://w3id.org/helixgraph/ns#sourceFile"  # source file
    sourceGraph: Final = "https://w3id.org/helixgraph/ns#sourceGraph"  # source graph
    totalCost: Final = "https://w3id.org/helixgraph/ns#totalCost"  # total cost
    tripleCount: Final = "https://w3id.org/helixgraph/ns#tripleCount"  # triple count
    typicalHelix: Final = "https://w3id.org/helixgraph/ns#typicalHelix"  # typical helix
    weight: Final = "https://w3id.org/helixgraph/ns#weight"

    # Concepts
    academia: Final = "https://w3id.org/helixgraph/ns#academia"
    activeClusterCount: Final = "https://w3id.org/helixgraph/ns#activeClusterCount"  # number of active clusters
    activityHES: Final = "https://w3id.org/helixgraph/ns#activityHES"  # higher or secondary education establishment
    activityOTH: Final = "https://w3id.org/helixgraph/ns#activityOTH"  # other (associations, NGOs, foundations, patient groups, clusters)
    activityPRC: Final = "https://w3id.org/helixgraph/ns#activityPRC"  # private for-profit company
    activityPUB: Final = "https://w3id.org/helixgraph/ns#activityPUB"  # public body (excluding research and education)
    activityREC: Final = "https://w3id.org/helixgraph/ns#activityREC"  # research organisation
    appliedResearch: Final = "https://w3id.org/helixgraph/ns#appliedResearch"  # applied research
    associatedPartner: Final = "https://w3id.org/helixgraph/ns#associatedPartner"  # associated partner
    basicResearch: Final = "https://w3id.org/helixgraph/ns#basicResearch"  # basic research
    business: Final = "https://w3id.org/helixgraph/ns#business"
    clusterCount: Final = "https://w3id.org/helixgraph/ns#clusterCount"  # number of clusters
    clusterExports: Final = "https://w3id.org/helixgraph/ns#clusterExports"  # exports of clusters
    clusterJobs: Final = "https://w3id.org/helixgraph/ns#clusterJobs"  # jobs in clusters
    clusterManagement: Final = "https://w3id.org/helixgraph/ns#clusterManagement"  # cluster management
    clusterManager: Final = "https://w3id.org/helixgraph/ns#clusterManager"  # cluster management organisation
    clusterMember: Final = "https://w3id.org/helixgraph/ns#clusterMember"  # cluster member
    clusterOrganiser: Final = "https://w3id.org/helixgraph/ns#clusterOrganiser"  # cluster organiser
    clusterRdiInvestment: Final = "https://w3id.org/helixgraph/ns#clusterRdiInvestment"  # RDI investment of clusters
    clusterTurnover: Final = "https://w3id.org/helixgraph/ns#clusterTurnover"  # turnover of clusters
    community: Final = "https://w3id.org/helixgraph/ns#community"
    cooperatingInstitute: Final = "https://w3id.org/helixgraph/ns#cooperatingInstitute"  # cooperating scientific institute
    coordinator: Final = "https://w3id.org/helixgraph/ns#coordinator"
    deviceDevelopment: Final = "https://w3id.org/helixgraph/ns#deviceDevelopment"  # development of medical devices
    digitalHealthTools: Final = "https://w3id.org/helixgraph/ns#digitalHealthTools"  # digital health tools
    funder: Final = "https://w3id.org/helixgraph/ns#funder"  # R&D funder
    government: Final = "https://w3id.org/helixgraph/ns#government"
    infrastructureFunding: Final = "https://w3id.org/helixgraph/ns#infrastructureFunding"  # infrastructure funding
    insightProvider: Final = "https://w3id.org/helixgraph/ns#insightProvider"  # insight provider
    internationalPartner: Final = "https://w3id.org/helixgraph/ns#internationalPartner"  # international partner
    knowledgeSharer: Final = "https://w3id.org/helixgraph/ns#knowledgeSharer"  # knowledge sharer
    knowledgeTransfer: Final = "https://w3id.org/helixgraph/ns#knowledgeTransfer"  # sharing results and expertise
    membersPerCluster: Final = "https://w3id.org/helixgraph/ns#membersPerCluster"  # members per cluster
    organiser: Final = "https://w3id.org/helixgraph/ns#organiser"
    partARF: Final = "https://w3id.org/helixgraph/ns#partARF"  # Access to Risk Finance
    partEIT: Final = "https://w3id.org/helixgraph/ns#partEIT"  # European Institute of Innovation and Technology
    partERC: Final = "https://w3id.org/helixgraph/ns#partERC"  # European Research Council
    partEuratom: Final = "https://w3id.org/helixgraph/ns#partEuratom"  # Euratom
    partFET: Final = "https://w3id.org/helixgraph/ns#partFET"  # Future and Emerging Technologies
    partJRC: Final = "https://w3id.org/helixgraph/ns#partJRC"  # Joint Research Centre
    partLEIT: Final = "https://w3id.org/helixgraph/ns#partLEIT"  # Leadership in Enabling and Industrial Technologies
    partMSCA: Final = "https://w3id.org/helixgraph/ns#partMSCA"  # Marie Skłodowska-Curie Actions
    partRI: Final = "https://w3id.org/helixgraph/ns#partRI"  # Research Infrastructures
    partSC1: Final = "https://w3id.org/helixgraph/ns#partSC1"  # Health, demographic change and wellbeing
    partSC2: Final = "https://w3id.org/helixgraph/ns#partSC2"  # Food security, sustainable agriculture, marine research and the bioeconomy
    partSC3: Final = "https://w3id.org/helixgraph/ns#partSC3"  # Secure, clean and efficient energy
    partSC4: Final = "https://w3id.org/helixgraph/ns#partSC4"  # Smart, green and integrated transport
    partSC5: Final = "https://w3id.org/helixgraph/ns#partSC5"  # Climate action, environment, resource efficiency and raw materials
    partSC6: Final = "https://w3id.org/helixgraph/ns#partSC6"  # Europe in a changing world: inclusive, innovative and reflective societies
    partSC7: Final = "https://w3id.org/helixgraph/ns#partSC7"  # Secure societies
    partSEWP: Final = "https://w3id.org/helixgraph/ns#partSEWP"  # Spreading excellence and widening participation
    partSMEs: Final = "https://w3id.org/helixgraph/ns#partSMEs"  # Innovation in SMEs
    partSWAFS: Final = "https://w3id.org/helixgraph/ns#partSWAFS"  # Science with and for society
    participant: Final = "https://w3id.org/helixgraph/ns#participant"
    partner: Final = "https://w3id.org/helixgraph/ns#partner"
    patientAdvocacy: Final = "https://w3id.org/helixgraph/ns#patientAdvocacy"  # patient advocacy
    patientAdvocate: Final = "https://w3id.org/helixgraph/ns#patientAdvocate"  # patient advocate
    policyCoordination: Final = "https://w3id.org/helixgraph/ns#policyCoordination"  # policy coordination
    policyCoordinator: Final = "https://w3id.org/helixgraph/ns#policyCoordinator"  # policy coordinator
    rdGrants: Final = "https://w3id.org/helixgraph/ns#rdGrants"  # R&D subsidies and grants
    researchLeader: Final = "https://w3id.org/helixgraph/ns#researchLeader"  # research leader
    sectorAgrifood: Final = "https://w3id.org/helixgraph/ns#sectorAgrifood"  # agriculture, food and the bioeconomy
    sectorEducation: Final = "https://w3id.org/helixgraph/ns#sectorEducation"  # education
    sectorEnergy: Final = "https://w3id.org/helixgraph/ns#sectorEnergy"  # energy
    sectorEnvironment: Final = "https://w3id.org/helixgraph/ns#sectorEnvironment"  # environment, climate and raw materials
    sectorFinance: Final = "https://w3id.org/helixgraph/ns#sectorFinance"  # financial services
    sectorHealth: Final = "https://w3id.org/helixgraph/ns#sectorHealth"  # human health activities
    sectorICT: Final = "https://w3id.org/helixgraph/ns#sectorICT"  # information and communication
    sectorManufacturing: Final = "https://w3id.org/helixgraph/ns#sectorManufacturing"  # manufacturing and enabling technologies
    sectorMedicalDevices: Final = "https://w3id.org/helixgraph/ns#sectorMedicalDevices"  # medical and dental instruments
    sectorPharma: Final = "https://w3id.org/helixgraph/ns#sectorPharma"  # pharmaceuticals
    sectorPublicAdministration: Final = "https://w3id.org/helixgraph/ns#sectorPublicAdministration"  # public administration
    sectorResearch: Final = "https://w3id.org/helixgraph/ns#sectorResearch"  # scientific research and development
    sectorSecurity: Final = "https://w3id.org/helixgraph/ns#sectorSecurity"  # security
    sectorSociety: Final = "https://w3id.org/helixgraph/ns#sectorSociety"  # society, social sciences and humanities
    sectorTransport: Final = "https://w3id.org/helixgraph/ns#sectorTransport"  # transport
    solutionDeveloper: Final = "https://w3id.org/helixgraph/ns#solutionDeveloper"  # solution developer
    thirdParty: Final = "https://w3id.org/helixgraph/ns#thirdParty"  # third party
    treatmentDevelopment: Final = "https://w3id.org/helixgraph/ns#treatmentDevelopment"  # development of new treatments
    userFeedback: Final = "https://w3id.org/helixgraph/ns#userFeedback"  # real-world insight and feedback


HX.TERMS = frozenset(['ActivityType', 'Cluster', 'Ecosystem', 'Helix', 'HelixRole', 'Indicator', 'Initiative', 'MembershipRole', 'ProgrammePart', 'Project', 'Sector', 'ServiceType', 'academia', 'accreditedSince', 'activeClusterCount', 'activityHES', 'activityOTH', 'activityPRC', 'activityPUB', 'activityREC', 'activityType', 'appliedResearch', 'associatedPartner', 'basicResearch', 'business', 'clusterCount', 'clusterExports', 'clusterJobs', 'clusterManagement', 'clusterManager', 'clusterMember', 'clusterOrganiser', 'clusterRdiInvestment', 'clusterTurnover', 'collaboratesWith', 'community', 'cooperatingInstitute', 'coordinator', 'country', 'declaredMemberCount', 'declinedDefault', 'deviceDevelopment', 'digitalHealthTools', 'euContribution', 'funder', 'funds', 'government', 'illustrative', 'importer', 'infrastructureFunding', 'insightProvider', 'internationalPartner', 'knowledgeSharer', 'knowledgeTransfer', 'linkedTo', 'maxContribution', 'membersPerCluster', 'organiser', 'partARF', 'partEIT', 'partERC', 'partEuratom', 'partFET', 'partJRC', 'partLEIT', 'partMSCA', 'partRI', 'partSC1', 'partSC2', 'partSC3', 'partSC4', 'partSC5', 'partSC6', 'partSC7', 'partSEWP', 'partSMEs', 'partSWAFS', 'participant', 'partner', 'patientAdvocacy', 'patientAdvocate', 'pendingImport', 'pic', 'playsRole', 'policyCoordination', 'policyCoordinator', 'primaryHelix', 'programmePart', 'providesServiceTo', 'rcn', 'rdGrants', 'region', 'regionByCity', 'researchLeader', 'rowsRead', 'rowsRejected', 'rowsWritten', 'sector', 'sectorAgrifood', 'sectorEducation', 'sectorEnergy', 'sectorEnvironment', 'sectorFinance', 'sectorHealth', 'sectorICT', 'sectorManufacturing', 'sectorMedicalDevices', 'sectorPharma', 'sectorPublicAdministration', 'sectorResearch', 'sectorSecurity', 'sectorSociety', 'sectorTransport', 'sha256', 'since', 'sme', 'solutionDeveloper', 'sourceFile', 'sourceGraph', 'thirdParty', 'totalCost', 'treatmentDevelopment', 'tripleCount', 'typicalHelix', 'userFeedback', 'weight'])
